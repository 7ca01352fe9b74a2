// The connector registry: every vendor Guildhall syncs to, by the name stored on integrations and
// sync_links rows. The engine (lib/sync), the admin routes and the settings flow find a vendor's label,
// settings and connector here and nowhere else. Adding a vendor: write lib/connectors/<vendor>/ (connector,
// transform, vendor.ts with its entry), add its name to integrationVendors (db/schema/integrations.ts)
// and its entry below.
import { integrationVendors, type IntegrationVendor } from "@/db/schema";
import { mobilizeVendor } from "./mobilize/vendor";
import type { ConnectorVendor } from "./vendor";

const vendors: { [V in IntegrationVendor]: ConnectorVendor & { vendor: V } } = {
  mobilize: mobilizeVendor,
};

export const registeredVendors: readonly IntegrationVendor[] = integrationVendors;

export const isVendor = (v: unknown): v is IntegrationVendor =>
  typeof v === "string" && Object.hasOwn(vendors, v);

export function vendorOf(vendor: IntegrationVendor): ConnectorVendor {
  return vendors[vendor];
}

/** The vendor's name on screen; an unknown name is shown as it is. */
export const vendorLabel = (vendor: string): string => (isVendor(vendor) ? vendors[vendor].label : vendor);
