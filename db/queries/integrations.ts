// Vendor connections (one row per vendor). Rows only: credentials arrive already sealed and leave sealed;
// lib/connectors/connections.ts seals, opens and turns a row into a connector.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { integrations, syncLinks, type IntegrationVendor } from "../schema";

export type IntegrationRow = typeof integrations.$inferSelect;
/** What a settings screen may see: no secrets. */
export type IntegrationSummary = {
  vendor: IntegrationVendor;
  baseUrl: string;
  apiKeyHint: string;
  options: Record<string, unknown>;
  testedAt: Date;
};

export async function getIntegration(
  db: DbOrTx,
  vendor: IntegrationVendor,
): Promise<IntegrationRow | undefined> {
  const [row] = await db.select().from(integrations).where(eq(integrations.vendor, vendor));
  return row;
}

export async function getIntegrationSummary(
  db: DbOrTx,
  vendor: IntegrationVendor,
): Promise<IntegrationSummary | null> {
  const row = await getIntegration(db, vendor);
  if (!row) return null;
  return {
    vendor: row.vendor,
    baseUrl: row.baseUrl,
    apiKeyHint: row.apiKeyHint,
    options: row.options,
    testedAt: row.testedAt,
  };
}

/** A connection as stored: the key and secret sealed (sealSecret("integrations", …)), a hint of the key. */
export type IntegrationValues = {
  vendor: IntegrationVendor;
  baseUrl: string;
  apiKeyEnc: string;
  apiSecretEnc: string;
  apiKeyHint: string;
  options?: Record<string, unknown>;
};

/** Creates or replaces the vendor's row, stamped as tested now. */
export async function saveIntegration(db: DbOrTx, input: IntegrationValues): Promise<IntegrationSummary> {
  const now = new Date();
  const values = {
    vendor: input.vendor,
    baseUrl: input.baseUrl,
    apiKeyEnc: input.apiKeyEnc,
    apiSecretEnc: input.apiSecretEnc,
    apiKeyHint: input.apiKeyHint,
    options: input.options ?? {},
    testedAt: now,
    updatedAt: now,
  };
  await db
    .insert(integrations)
    .values(values)
    .onConflictDoUpdate({ target: integrations.vendor, set: values });
  return (await getIntegrationSummary(db, input.vendor))!;
}

/** Points the vendor's connection at another base URL, credentials and options kept (the demo stand-in moved). */
export async function updateIntegrationBaseUrl(
  db: DbOrTx,
  vendor: IntegrationVendor,
  baseUrl: string,
): Promise<void> {
  await db
    .update(integrations)
    .set({ baseUrl, updatedAt: new Date() })
    .where(eq(integrations.vendor, vendor));
}

/** Disconnect: forget the credentials and every link of the vendor. Nobody is removed remotely. */
export async function deleteIntegration(db: DbOrTx, vendor: IntegrationVendor): Promise<void> {
  await db.delete(syncLinks).where(eq(syncLinks.vendor, vendor));
  await db.delete(integrations).where(eq(integrations.vendor, vendor));
}
