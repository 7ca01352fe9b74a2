// People, companies, membership types and custom field definitions: the records Guildhall shares.
import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { CustomValues, SocialLinks } from "@/lib/schemas/records";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** Bumped on every write; the API's ETag. */
  version: integer("version").notNull().default(1),
};

export const membershipTypes = pgTable("membership_types", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  /** "person", "company" or "both". */
  appliesTo: text("applies_to", { enum: ["person", "company", "both"] })
    .notNull()
    .default("both"),
  /** Days after expiry during which a member is in "grace" rather than "expired". */
  graceDays: integer("grace_days").notNull().default(30),
  ...timestamps,
});

export type { CustomValues, SocialLinks } from "@/lib/schemas/records";

export const companies = pgTable(
  "companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email"),
    /** Domains (lower case, no "@") that count as this company's for signup protection. */
    emailDomains: text("email_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Company Signup Protection: people linking themselves need approval unless their domain matches. */
    signupProtected: boolean("signup_protected").notNull().default(false),
    membershipTypeId: uuid("membership_type_id").references(() => membershipTypes.id),
    joinDate: date("join_date"),
    expiryDate: date("expiry_date"),
    active: boolean("active").notNull().default(true),
    custom: jsonb("custom").$type<CustomValues>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    index("companies_name_lower_idx").on(sql`lower(${t.name}) text_pattern_ops`),
    // The list's name order in code point order, as for people (people_sort_name_c_idx): it serves name
    // prefix ranges too, so the list walks it in order and stops after a page.
    index("companies_sort_name_c_idx").on(sql`lower(${t.name}) collate "C"`, t.id),
    index("companies_expiry_idx").on(t.expiryDate),
  ],
);

export const approvalStatuses = ["approved", "pending_approval", "rejected"] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    jobTitle: text("job_title"),
    companyId: uuid("company_id").references((): AnyPgColumn => companies.id),
    /** Company the person asked to join; set while their link awaits staff approval. */
    requestedCompanyId: uuid("requested_company_id").references((): AnyPgColumn => companies.id),
    approvalStatus: text("approval_status", { enum: approvalStatuses }).notNull().default("approved"),
    bio: text("bio"),
    profileImageUrl: text("profile_image_url"),
    socialLinks: jsonb("social_links").$type<SocialLinks>().notNull().default({}),
    membershipTypeId: uuid("membership_type_id").references(() => membershipTypes.id),
    joinDate: date("join_date"),
    expiryDate: date("expiry_date"),
    active: boolean("active").notNull().default(true),
    custom: jsonb("custom").$type<CustomValues>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    // Prefix search must filter and sort on the same lower() expression, or the planner walks the
    // whole name index (perf-anchors.md, "planner trap").
    index("people_last_name_lower_idx").on(sql`lower(${t.lastName}) text_pattern_ops`),
    // The list's name order, in code point order ("C"): it also serves last-name prefix ranges, so a
    // search walks it from the prefix in order and stops after a page (db/queries/people-list.ts).
    index("people_sort_name_c_idx").on(
      sql`lower(${t.lastName}) collate "C"`,
      sql`lower(${t.firstName}) collate "C"`,
      t.id,
    ),
    index("people_first_name_lower_idx").on(sql`lower(${t.firstName}) text_pattern_ops`),
    uniqueIndex("people_email_lower_idx").on(sql`lower(${t.email})`),
    index("people_email_prefix_idx").on(sql`lower(${t.email}) text_pattern_ops`),
    index("people_company_idx").on(t.companyId),
    index("people_expiry_idx").on(t.expiryDate),
    index("people_membership_type_idx").on(t.membershipTypeId),
    index("people_updated_idx").on(t.updatedAt, t.id),
    index("people_pending_idx")
      .on(t.approvalStatus)
      .where(sql`${t.approvalStatus} = 'pending_approval'`),
    index("people_custom_idx").using("gin", sql`${t.custom} jsonb_path_ops`),
  ],
);

export const customFieldTypes = [
  "text",
  "number",
  "date",
  "boolean",
  "single_choice",
  "multiple_choice",
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const customFields = pgTable(
  "custom_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Which records carry the field. */
    entity: text("entity", { enum: ["person", "company"] }).notNull(),
    /** Stable key under which values are stored in the record's `custom` column. */
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: customFieldTypes }).notNull(),
    /** Choices for single/multiple choice fields. */
    choices: text("choices")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    required: boolean("required").notNull().default(false),
    /** Whether members may edit their own value in the portal. */
    memberEditable: boolean("member_editable").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex("custom_fields_entity_key_idx").on(t.entity, t.key)],
);
