// Settings → Integrations for any registered vendor: validation with the vendor's schema, Test connection,
// save (only after a passing test) and disconnect. Used by the settings page's server actions; no auth
// here (callers check the admin).
//
// Stored credentials belong to the base URL they were saved with: an empty key or secret keeps the stored
// one only while the base URL stays the same. A changed base URL needs both re-entered (a field error,
// nothing sent, nothing written), and every base URL passes the outbound address guard
// (lib/outbound/address-guard.ts; loopback and private hosts only through GUILDHALL_OUTBOUND_ALLOW) before
// anything is sent to it.
import type { Db } from "@/db/client";
import { deleteIntegration } from "@/db/queries/integrations";
import type { IntegrationVendor } from "@/db/schema";
import { AppError, fromZodError } from "@/lib/core/errors";
import { checkOutboundTarget } from "@/lib/outbound/address-guard";
import { openConnection, saveConnection } from "./connections";
import { vendorOf } from "./registry";
import { ConnectionError } from "./types";
import type { Connection } from "./vendor";

export type TestOutcome = { ok: true; message: string } | { ok: false; message: string; field?: string };

/** Valid input with the credentials it leaves empty taken from the stored connection. */
async function resolve(db: Db, vendor: IntegrationVendor, input: unknown): Promise<Connection> {
  const entry = vendorOf(vendor);
  const parsed = entry.settingsSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const v = parsed.data;
  const old = await openConnection(db, vendor);
  if (old && !sameBaseUrl(old.baseUrl, v.baseUrl))
    for (const field of ["apiKey", "apiSecret"] as const)
      if (!v[field]) {
        const message = `The base URL changed: ${entry.missingCredential[field]} again (the stored credentials are only sent to the address they were saved for)`;
        throw new AppError("invalid_input", `${field}: ${message}`, { fields: [{ field, message }] });
      }
  const apiKey = v.apiKey || old?.apiKey || "";
  const apiSecret = v.apiSecret || old?.apiSecret || "";
  return entry.toConnection({ ...v, apiKey, apiSecret });
}

/** Whether two base URLs name the same address (trailing slashes and URL spelling aside). */
function sameBaseUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      return new URL(u.trim()).toString().replace(/\/+$/, "");
    } catch {
      return u.trim();
    }
  };
  return norm(a) === norm(b);
}

const fieldOf = (e: unknown) =>
  (e as { details?: { fields?: { field: string }[] } }).details?.fields?.[0]?.field;

export async function testSettings(db: Db, vendor: IntegrationVendor, input: unknown): Promise<TestOutcome> {
  const entry = vendorOf(vendor);
  let c;
  try {
    c = await resolve(db, vendor, input);
  } catch (e) {
    return { ok: false, message: (e as Error).message, field: fieldOf(e) };
  }
  for (const field of ["apiKey", "apiSecret"] as const)
    if (!c[field]) return { ok: false, message: `${field}: ${entry.missingCredential[field]}`, field };
  try {
    await checkOutboundTarget(c.baseUrl, { allowPrivate: false, field: "baseUrl" });
  } catch (e) {
    return { ok: false, message: (e as Error).message, field: fieldOf(e) ?? "baseUrl" };
  }
  try {
    await entry.testConnection(c);
    return { ok: true, message: `Connected to ${entry.label}.` };
  } catch (e) {
    if (e instanceof ConnectionError) return { ok: false, message: e.message };
    return { ok: false, message: `Unexpected error: ${(e as Error).message}` };
  }
}

/** Saves only when the connection test passes with exactly these values. */
export async function saveSettings(db: Db, vendor: IntegrationVendor, input: unknown): Promise<TestOutcome> {
  const test = await testSettings(db, vendor, input);
  if (!test.ok) return test;
  await saveConnection(db, { vendor, ...(await resolve(db, vendor, input)) });
  return { ok: true, message: vendorOf(vendor).savedMessage };
}

/** Forgets the credentials and stops every link of the vendor; nobody is removed remotely. */
export const disconnect = (db: Db, vendor: IntegrationVendor) => deleteIntegration(db, vendor);
