// Mobilize connection settings: validation, Test connection, save (only after a passing test) and
// disconnect. Used by the settings page's server actions; no auth here (callers check the admin).
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  deleteIntegration,
  getIntegration,
  mobilizeOptionsOf,
  saveIntegration,
} from "@/db/queries/integrations";
import { createMobilizeConnector, defaultMobilizeBaseUrl } from "@/lib/connectors/mobilize/connector";
import { ConnectionError } from "@/lib/connectors/types";
import { fromZodError } from "@/lib/core/errors";

const fieldKey = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9_]*$/, "use letters, digits and _ only (Mobilize's field key), or leave empty");

export const mobilizeSettingsSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .url("enter a full URL such as https://api.mobilize.io/v1")
    .default(defaultMobilizeBaseUrl),
  /** Empty = keep the stored one (it is never shown back). */
  apiKey: z.string().trim().max(500),
  apiSecret: z.string().trim().max(500),
  companyField: fieldKey.default("company_name"),
  jobTitleField: fieldKey.default("job_title"),
});
export type MobilizeSettingsInput = z.input<typeof mobilizeSettingsSchema>;

export type TestOutcome = { ok: true; message: string } | { ok: false; message: string; field?: string };

async function resolve(db: Db, input: MobilizeSettingsInput) {
  const parsed = mobilizeSettingsSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const v = parsed.data;
  const stored = await getIntegration(db, "mobilize");
  const old = stored ? mobilizeOptionsOf(stored) : null;
  const apiKey = v.apiKey || old?.apiKey || "";
  const apiSecret = v.apiSecret || old?.apiSecret || "";
  return { ...v, apiKey, apiSecret };
}

export async function testMobilizeSettings(db: Db, input: MobilizeSettingsInput): Promise<TestOutcome> {
  let v;
  try {
    v = await resolve(db, input);
  } catch (e) {
    const field = (e as { details?: { fields?: { field: string }[] } }).details?.fields?.[0]?.field;
    return { ok: false, message: (e as Error).message, field };
  }
  if (!v.apiKey) return { ok: false, message: "apiKey: enter the API key", field: "apiKey" };
  if (!v.apiSecret) return { ok: false, message: "apiSecret: enter the API secret", field: "apiSecret" };
  try {
    await createMobilizeConnector(v, { timeoutMs: 8000 }).testConnection();
    return { ok: true, message: "Connected to Mobilize." };
  } catch (e) {
    if (e instanceof ConnectionError) return { ok: false, message: e.message };
    return { ok: false, message: `Unexpected error: ${(e as Error).message}` };
  }
}

/** Saves only when the connection test passes with exactly these values. */
export async function saveMobilizeSettings(db: Db, input: MobilizeSettingsInput): Promise<TestOutcome> {
  const test = await testMobilizeSettings(db, input);
  if (!test.ok) return test;
  const v = await resolve(db, input);
  await saveIntegration(db, {
    vendor: "mobilize",
    baseUrl: v.baseUrl,
    apiKey: v.apiKey,
    apiSecret: v.apiSecret,
    options: { companyField: v.companyField, jobTitleField: v.jobTitleField },
  });
  return { ok: true, message: "Saved. Link groups to Mobilize on each group's Details tab." };
}

export const disconnectMobilize = (db: Db) => deleteIntegration(db, "mobilize");
