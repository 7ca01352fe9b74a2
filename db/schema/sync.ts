// The group sync engine's state (lib/sync): links between a local group and a remote group, per-member
// status, remembered remote user ids, and the planned operations of the current run. Every remote call
// is planned here first and marked done after, which is what makes a crashed run resumable without
// re-sending completed work.
import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { groups } from "./groups";

export const syncLinkStatuses = [
  "idle",
  "syncing",
  "up_to_date",
  "held",
  "awaiting_confirmation",
  "error",
] as const;
export type SyncLinkStatus = (typeof syncLinkStatuses)[number];

export type PendingRemoval = { remoteUserId: string; email: string | null; name: string };

export const syncLinks = pgTable(
  "sync_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vendor: text("vendor").notNull(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    remoteGroupId: text("remote_group_id").notNull(),
    remoteGroupName: text("remote_group_name").notNull().default(""),
    status: text("status", { enum: syncLinkStatuses }).notNull().default("idle"),
    statusMessage: text("status_message").notNull().default(""),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    /** Mass-removal guard: share (percent) and minimum count of removals that need confirmation. */
    guardPercent: integer("guard_percent").notNull().default(10),
    guardMinimum: integer("guard_minimum").notNull().default(25),
    /** Who the paused run would remove (shown to staff for approve/cancel). */
    pendingRemovals: jsonb("pending_removals").$type<PendingRemoval[]>(),
    /** Set by "approve": the next plan may remove up to this many without pausing. */
    approvedRemovals: integer("approved_removals"),
    /** Last time a trigger asked for a sync; a run that started before it plans once more at its end. */
    requestedAt: timestamp("requested_at", { withTimezone: true }),
    /** Id of the plan being applied; sync_ops rows carry it. */
    planId: text("plan_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sync_links_group_idx").on(t.vendor, t.groupId),
    // One-to-one: a remote group is linked to at most one local group.
    uniqueIndex("sync_links_remote_idx").on(t.vendor, t.remoteGroupId),
  ],
);

export const syncMemberStates = ["syncing", "up_to_date", "not_applicable", "error"] as const;
export type SyncMemberState = (typeof syncMemberStates)[number];
export const syncReasons = [
  "no_user_account",
  "is_company",
  "deactivated",
  "missing_email",
  "remote_rejected",
] as const;
export type SyncReason = (typeof syncReasons)[number];

export const syncMembers = pgTable(
  "sync_members",
  {
    linkId: uuid("link_id")
      .notNull()
      .references(() => syncLinks.id, { onDelete: "cascade" }),
    recordType: text("record_type", { enum: ["person", "company"] }).notNull(),
    recordId: uuid("record_id").notNull(),
    state: text("state", { enum: syncMemberStates }).notNull(),
    reason: text("reason", { enum: syncReasons }),
    message: text("message").notNull().default(""),
    /** Hash of the fields last sent, so an edit of a synced field triggers an update. */
    fieldsHash: text("fields_hash"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.linkId, t.recordType, t.recordId] }),
    index("sync_members_state_idx").on(t.linkId, t.state),
  ],
);

/** Remote user id per person and vendor, so later runs match without searching by email. */
export const syncRemoteIds = pgTable(
  "sync_remote_ids",
  {
    vendor: text("vendor").notNull(),
    personId: uuid("person_id").notNull(),
    remoteUserId: text("remote_user_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.vendor, t.personId] }),
    index("sync_remote_ids_remote_idx").on(t.vendor, t.remoteUserId),
  ],
);

export const syncOpKinds = ["add", "remove", "update"] as const;
export const syncOpStates = ["pending", "in_flight", "done", "failed"] as const;

/** One planned remote call. in_flight = sent without a known outcome; resolved by re-reading remote state. */
export const syncOps = pgTable(
  "sync_ops",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    linkId: uuid("link_id")
      .notNull()
      .references(() => syncLinks.id, { onDelete: "cascade" }),
    planId: text("plan_id").notNull(),
    kind: text("kind", { enum: syncOpKinds }).notNull(),
    state: text("state", { enum: syncOpStates }).notNull().default("pending"),
    personId: uuid("person_id"),
    remoteUserId: text("remote_user_id"),
    email: text("email"),
    name: text("name").notNull().default(""),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    fieldsHash: text("fields_hash"),
    message: text("message"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sync_ops_plan_idx").on(t.linkId, t.planId, t.state),
    index("sync_ops_pending_idx")
      .on(t.linkId)
      .where(sql`state in ('pending','in_flight')`),
  ],
);
