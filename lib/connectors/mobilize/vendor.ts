// Mobilize's entry in the connector registry: its settings (the Integrations screen's fields, with
// defaults), how a stored connection becomes a connector, and Test connection.
import { z } from "zod";
import { defineVendor, type Connection } from "../vendor";
import {
  createMobilizeConnector,
  defaultMobilizeBaseUrl,
  defaultMobilizeOptions,
  type MobilizeOptions,
} from "./connector";
import { defaultFieldMapping } from "./transform";

const fieldKey = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9_]*$/, "use letters, digits and _ only (Mobilize's field key), or leave empty");

/** An API path with optional {group}, {user} or {id} placeholders; "" where the setting allows it. */
const apiPath = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^(\/[A-Za-z0-9._~\-{}]*)+$/,
    "start with / and use letters, digits, -, _, . and {group}/{user}/{id}",
  );

/**
 * API details the public material only guesses (external-apis.md, marked [G]): settings, with the guesses as
 * defaults, so a tenant whose API differs is served without a code change. Each also degrades safely in the
 * connector (bulk falls back to single adds, paging never trusts the page size, a 405 on update tries the
 * other method).
 */
const guessedApiSettings = {
  pageSize: z.coerce.number().int().min(1).max(1000).default(defaultMobilizeOptions.pageSize),
  bulkAddPath: apiPath.or(z.literal("")).default(defaultMobilizeOptions.bulkAddPath),
  bulkBodyKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a JSON property name")
    .default(defaultMobilizeOptions.bulkBodyKey),
  addMemberPath: apiPath.default(defaultMobilizeOptions.addMemberPath),
  memberPath: apiPath.default(defaultMobilizeOptions.memberPath),
  createUserPath: apiPath.default(defaultMobilizeOptions.createUserPath),
  updateUserPath: apiPath.default(defaultMobilizeOptions.updateUserPath),
  updateUserMethod: z.enum(["PUT", "PATCH"]).default(defaultMobilizeOptions.updateUserMethod),
};
export const guessedApiSettingKeys = Object.keys(guessedApiSettings) as (keyof typeof guessedApiSettings)[];

export const mobilizeSettingsSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .url("enter a full URL such as https://api.mobilize.io/v1")
    .default(defaultMobilizeBaseUrl),
  /** Empty = keep the stored one (it is never shown back). */
  apiKey: z.string().trim().max(500),
  apiSecret: z.string().trim().max(500),
  companyField: fieldKey.default(defaultFieldMapping.companyField),
  jobTitleField: fieldKey.default(defaultFieldMapping.jobTitleField),
  ...guessedApiSettings,
});
export type MobilizeSettingsInput = z.input<typeof mobilizeSettingsSchema>;

/** What the settings form shows before anything is stored. */
export const mobilizeSettingsDefaults = {
  baseUrl: defaultMobilizeBaseUrl,
  ...defaultFieldMapping,
  ...Object.fromEntries(guessedApiSettingKeys.map((k) => [k, defaultMobilizeOptions[k]])),
} as typeof defaultFieldMapping &
  Pick<MobilizeOptions, (typeof guessedApiSettingKeys)[number]> & {
    baseUrl: string;
  };

/** Connector options of a stored connection: the defaults, then what the settings stored. */
export function mobilizeOptionsOf(c: Connection): MobilizeOptions {
  return {
    ...defaultMobilizeOptions,
    ...(c.options as Partial<MobilizeOptions>),
    baseUrl: c.baseUrl,
    apiKey: c.apiKey,
    apiSecret: c.apiSecret,
  };
}

export const mobilizeVendor = defineVendor({
  vendor: "mobilize",
  label: "Mobilize",
  settingsSchema: mobilizeSettingsSchema,
  missingCredential: { apiKey: "enter the API key", apiSecret: "enter the API secret" },
  savedMessage: "Saved. Link groups to Mobilize on each group's Details tab.",
  toConnection: (s) => ({
    baseUrl: s.baseUrl,
    apiKey: s.apiKey,
    apiSecret: s.apiSecret,
    options: {
      companyField: s.companyField,
      jobTitleField: s.jobTitleField,
      ...Object.fromEntries(guessedApiSettingKeys.map((k) => [k, s[k]])),
    },
  }),
  createConnector: (c, http) => createMobilizeConnector(mobilizeOptionsOf(c), http),
  testConnection: (c) => createMobilizeConnector(mobilizeOptionsOf(c), { timeoutMs: 8000 }).testConnection(),
});
