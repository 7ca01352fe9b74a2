// Groups: named sets of people and/or companies, defined by conditions or by a hand-picked list.
// Membership is stored (kept current by the group follower of the change outbox) so API keys, syncs and
// SSO checks read it with one indexed lookup; every entry/exit is logged with a cursor for followers.
import { sql } from "drizzle-orm";
import {
  boolean,
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const groupRecordTypes = ["people", "companies", "both"] as const;
export type GroupRecordTypes = (typeof groupRecordTypes)[number];
export const groupModes = ["conditions", "specific"] as const;
export type GroupMode = (typeof groupModes)[number];
export const memberRecordTypes = ["person", "company"] as const;
export type MemberRecordType = (typeof memberRecordTypes)[number];

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    recordTypes: text("record_types", { enum: groupRecordTypes }).notNull().default("people"),
    mode: text("mode", { enum: groupModes }).notNull().default("conditions"),
    /** The condition tree (lib/groups/schema.ts); null = every record of the chosen types. */
    conditions: jsonb("conditions").$type<unknown>(),
    /** Shown to its members on the portal's "My groups" page; off by default (a group's name can be sensitive). */
    visibleToMembers: boolean("visible_to_members").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("groups_name_lower_idx").on(sql`lower(${t.name})`)],
);

/** Current members. No foreign key to people/companies: record_type says which table. */
export const groupMembers = pgTable(
  "group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    recordType: text("record_type", { enum: memberRecordTypes }).notNull(),
    recordId: uuid("record_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.recordType, t.recordId] }),
    index("group_members_record_idx").on(t.recordType, t.recordId),
  ],
);

/** The hand-picked list of a "specific records" group. */
export const groupSpecificRecords = pgTable(
  "group_specific_records",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    recordType: text("record_type", { enum: memberRecordTypes }).notNull(),
    recordId: uuid("record_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.recordType, t.recordId] })],
);

export const membershipChangeKinds = ["entered_group", "left_group"] as const;
export type MembershipChangeKind = (typeof membershipChangeKinds)[number];

/** Entries and exits, in commit order (writers serialise on an advisory lock like the change outbox). */
export const groupMembershipChanges = pgTable(
  "group_membership_changes",
  {
    cursor: bigint("cursor", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    groupId: uuid("group_id").notNull(),
    recordType: text("record_type", { enum: memberRecordTypes }).notNull(),
    recordId: uuid("record_id").notNull(),
    kind: text("kind", { enum: membershipChangeKinds }).notNull(),
    /** The change-outbox cursor that caused it (null for the daily time-based re-evaluation). */
    causeCursor: bigint("cause_cursor", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_membership_changes_group_idx").on(t.groupId, t.cursor)],
);
