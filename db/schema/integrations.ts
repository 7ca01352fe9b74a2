// Connections to outside platforms (one row per vendor). Credentials are stored encrypted with
// AES-256-GCM (sealSecret in lib/core/crypto.ts); only a hint of the key is ever shown back.
import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const integrationVendors = ["mobilize"] as const;
export type IntegrationVendor = (typeof integrationVendors)[number];

export const integrations = pgTable("integrations", {
  vendor: text("vendor", { enum: integrationVendors }).primaryKey(),
  baseUrl: text("base_url").notNull(),
  /** iv.tag.ciphertext (base64url) of the API key and of the secret. */
  apiKeyEnc: text("api_key_enc").notNull(),
  apiSecretEnc: text("api_secret_enc").notNull(),
  /** Last four characters of the API key, for "••••abcd". */
  apiKeyHint: text("api_key_hint").notNull(),
  /** Vendor options such as field mappings (lib/connectors/mobilize/connector.ts MobilizeOptions). */
  options: jsonb("options").$type<Record<string, unknown>>().notNull().default({}),
  testedAt: timestamp("tested_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
