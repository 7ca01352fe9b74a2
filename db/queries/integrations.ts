// Vendor connections (one row per vendor). Secrets go in encrypted and come out only as a connector.
import { eq } from "drizzle-orm";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import {
  createMobilizeConnector,
  defaultMobilizeOptions,
  type MobilizeOptions,
} from "@/lib/connectors/mobilize/connector";
import type { Connector } from "@/lib/connectors/types";
import type { HttpClientOptions } from "@/lib/connectors/http";
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

export type SaveIntegrationInput = {
  vendor: IntegrationVendor;
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  options?: Record<string, unknown>;
};

/** Callers must have run a successful connection test with these exact credentials first. */
export async function saveIntegration(db: DbOrTx, input: SaveIntegrationInput): Promise<IntegrationSummary> {
  const now = new Date();
  const values = {
    vendor: input.vendor,
    baseUrl: input.baseUrl,
    apiKeyEnc: sealSecret("integrations", input.apiKey),
    apiSecretEnc: sealSecret("integrations", input.apiSecret),
    apiKeyHint: input.apiKey.slice(-4),
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

/** Disconnect: forget the credentials and every link of the vendor. Nobody is removed remotely. */
export async function deleteIntegration(db: DbOrTx, vendor: IntegrationVendor): Promise<void> {
  await db.delete(syncLinks).where(eq(syncLinks.vendor, vendor));
  await db.delete(integrations).where(eq(integrations.vendor, vendor));
}

export function mobilizeOptionsOf(row: IntegrationRow): MobilizeOptions {
  return {
    ...defaultMobilizeOptions,
    ...(row.options as Partial<MobilizeOptions>),
    baseUrl: row.baseUrl,
    apiKey: openSecret("integrations", row.apiKeyEnc),
    apiSecret: openSecret("integrations", row.apiSecretEnc),
  };
}

/** The connector for a stored connection, or null when the vendor is not connected. */
export async function connectorFor(
  db: DbOrTx,
  vendor: IntegrationVendor,
  http: Partial<HttpClientOptions> = {},
): Promise<Connector | null> {
  const row = await getIntegration(db, vendor);
  if (!row) return null;
  return createMobilizeConnector(mobilizeOptionsOf(row), http);
}
