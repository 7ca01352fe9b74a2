// Stored vendor connections: the one place credentials are sealed and opened (the kernel's box,
// sealSecret/openSecret("integrations", …) in lib/core/crypto.ts) and where a stored row becomes a
// connector, through the registry. db/queries/integrations.ts only reads and writes the rows.
import type { DbOrTx } from "@/db/client";
import { getIntegration, saveIntegration, type IntegrationSummary } from "@/db/queries/integrations";
import type { IntegrationVendor } from "@/db/schema";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import type { HttpClientOptions } from "./http";
import { isVendor, vendorOf } from "./registry";
import type { Connector } from "./types";
import type { Connection } from "./vendor";

export type SaveConnectionInput = Omit<Connection, "options"> & {
  vendor: IntegrationVendor;
  options?: Record<string, unknown>;
};

/** Callers must have run a successful connection test with these exact credentials first. */
export async function saveConnection(db: DbOrTx, input: SaveConnectionInput): Promise<IntegrationSummary> {
  return saveIntegration(db, {
    vendor: input.vendor,
    baseUrl: input.baseUrl,
    apiKeyEnc: sealSecret("integrations", input.apiKey),
    apiSecretEnc: sealSecret("integrations", input.apiSecret),
    apiKeyHint: input.apiKey.slice(-4),
    options: input.options,
  });
}

/** The vendor's stored connection with its credentials opened, or null when it is not connected. */
export async function openConnection(db: DbOrTx, vendor: IntegrationVendor): Promise<Connection | null> {
  const row = await getIntegration(db, vendor);
  if (!row) return null;
  return {
    baseUrl: row.baseUrl,
    apiKey: openSecret("integrations", row.apiKeyEnc),
    apiSecret: openSecret("integrations", row.apiSecretEnc),
    options: row.options,
  };
}

/** The connector for a stored connection, or null when the vendor is not connected. */
export async function connectorFor(
  db: DbOrTx,
  vendor: string,
  http: Partial<HttpClientOptions> = {},
): Promise<Connector | null> {
  if (!isVendor(vendor)) return null;
  const connection = await openConnection(db, vendor);
  return connection && vendorOf(vendor).createConnector(connection, http);
}
