// Site-wide settings: one row.
import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const siteSettings = pgTable(
  "site_settings",
  {
    id: integer("id").primaryKey().default(1),
    siteName: text("site_name").notNull().default("Guildhall"),
    /** Public URL; the OIDC issuer. Empty = derived from GUILDHALL_SITE_URL or the port. */
    siteUrl: text("site_url").notNull().default(""),
    /** Staging until launched: syncs and API feeds are held. */
    launched: boolean("launched").notNull().default(false),
    allowSyncsOnStaging: boolean("allow_syncs_on_staging").notNull().default(false),
    /** Off by default: webhook and feed targets on private networks are refused (SSRF). */
    allowPrivateTargets: boolean("allow_private_targets").notNull().default(false),
    /** Which person fields members may edit themselves in the compass. */
    memberEditableFields: text("member_editable_fields")
      .array()
      .notNull()
      .default(sql`'{first_name,last_name,phone,job_title,bio,profile_image_url,social_links}'::text[]`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("site_settings_single_row", sql`${t.id} = 1`)],
);
