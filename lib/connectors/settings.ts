// Settings → Integrations for any registered vendor: validation with the vendor's schema, Test connection,
// save (only after a passing test) and disconnect. Used by the settings page's server actions; no auth
// here (callers check the admin).
import type { Db } from "@/db/client";
import { deleteIntegration } from "@/db/queries/integrations";
import type { IntegrationVendor } from "@/db/schema";
import { fromZodError } from "@/lib/core/errors";
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
  const apiKey = v.apiKey || old?.apiKey || "";
  const apiSecret = v.apiSecret || old?.apiSecret || "";
  return entry.toConnection({ ...v, apiKey, apiSecret });
}

export async function testSettings(db: Db, vendor: IntegrationVendor, input: unknown): Promise<TestOutcome> {
  const entry = vendorOf(vendor);
  let c;
  try {
    c = await resolve(db, vendor, input);
  } catch (e) {
    const field = (e as { details?: { fields?: { field: string }[] } }).details?.fields?.[0]?.field;
    return { ok: false, message: (e as Error).message, field };
  }
  for (const field of ["apiKey", "apiSecret"] as const)
    if (!c[field]) return { ok: false, message: `${field}: ${entry.missingCredential[field]}`, field };
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
