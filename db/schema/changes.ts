// The change outbox: every write to a record appends here in the same transaction. Group membership,
// webhooks, the API changes feed and the syncs all follow this log from a cursor.
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

export const recordTypes = [
  "person",
  "company",
  "event",
  "registration",
  "custom_field",
  "membership_type",
  "user",
  "site_settings",
  "group",
] as const;
export type RecordType = (typeof recordTypes)[number];
export const changeOps = ["created", "updated", "deactivated", "reactivated", "deleted"] as const;
export type ChangeOp = (typeof changeOps)[number];

export const changes = pgTable(
  "changes",
  {
    /** Strictly increasing in commit order (writers serialise on an advisory lock; see db/queries/changes.ts). */
    cursor: bigint("cursor", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    recordType: text("record_type", { enum: recordTypes }).notNull(),
    recordId: text("record_id").notNull(),
    op: text("op", { enum: changeOps }).notNull(),
    changedFields: text("changed_fields").array().notNull(),
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
    /** Who made the change: "user:<id>", "api_key:<id>", "cli", "system". */
    actor: text("actor").notNull(),
    /**
     * The record's version after this change (versioned records): a reader showing the record's data for
     * this entry shows it only while the record is still at this version, so a payload is always the
     * record as of its change, never data written later.
     */
    recordVersion: integer("record_version"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("changes_record_idx").on(t.recordType, t.recordId, t.cursor)],
);

/**
 * Where each follower of the change log has got to (lib/changes/engine.ts): `cursor` in the log it follows,
 * or, for a follower of a key's changes feed (webhooks), its feed `position`. Locked FOR UPDATE while a
 * batch is applied, so any number of processes may run the same follower.
 */
export const outboxFollowers = pgTable("outbox_followers", {
  name: text("name").primaryKey(),
  cursor: bigint("cursor", { mode: "number" }).notNull().default(0),
  position: text("position"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Log entries whose effect failed for one follower (lib/changes/engine.ts). While `setAside` is false the
 * follower is still retrying the entry in order (its position waits); once the tries run out the entry is
 * set aside, the position moves past it, and it is retried later and listed for staff until it succeeds.
 * `error` holds the database error code and a message with quoted values removed: never a record's data.
 */
export const followerFailures = pgTable(
  "follower_failures",
  {
    follower: text("follower").notNull(),
    cursor: bigint("cursor", { mode: "number" }).notNull(),
    error: text("error").notNull(),
    tries: integer("tries").notNull().default(1),
    setAside: boolean("set_aside").notNull().default(false),
    firstFailedAt: timestamp("first_failed_at", { withTimezone: true }).notNull().defaultNow(),
    lastTriedAt: timestamp("last_tried_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.follower, t.cursor] })],
);
