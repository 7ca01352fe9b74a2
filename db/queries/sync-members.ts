// Reads the engine needs about a group's members, and per-member sync status for the UI.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { companies, groupMembers, people, syncMembers, syncRemoteIds, users } from "../schema";

/** One member of a synced group as the engine reads it (a company is shaped like a person). */
export type GroupMemberRow = {
  recordType: "person" | "company";
  recordId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  jobTitle: string | null;
  companyName: string | null;
  active: boolean;
  hasUserAccount: boolean;
};

/** Every current member of the group with what eligibility and the transform need (one query). */
export async function loadGroupMembersForSync(db: DbOrTx, groupId: string): Promise<GroupMemberRow[]> {
  const personRows = await db
    .select({
      recordId: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      jobTitle: people.jobTitle,
      companyName: companies.name,
      active: people.active,
      hasUserAccount: sql<boolean>`${users.id} is not null`,
    })
    .from(groupMembers)
    .innerJoin(people, eq(people.id, groupMembers.recordId))
    .leftJoin(companies, eq(companies.id, people.companyId))
    .leftJoin(users, eq(users.personId, people.id))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.recordType, "person")));
  const companyRows = await db
    .select({
      recordId: companies.id,
      name: companies.name,
      active: companies.active,
      email: companies.email,
    })
    .from(groupMembers)
    .innerJoin(companies, eq(companies.id, groupMembers.recordId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.recordType, "company")));
  return [
    ...personRows.map((r) => ({ ...r, recordType: "person" as const })),
    ...companyRows.map((c) => ({
      recordType: "company" as const,
      recordId: c.recordId,
      firstName: c.name,
      lastName: "",
      email: c.email,
      jobTitle: null,
      companyName: c.name,
      active: c.active,
      hasUserAccount: false,
    })),
  ];
}

export async function loadRemoteIds(db: DbOrTx, vendor: string): Promise<Map<string, string>> {
  const rows = await db.select().from(syncRemoteIds).where(eq(syncRemoteIds.vendor, vendor));
  return new Map(rows.map((r) => [r.personId, r.remoteUserId]));
}

export async function rememberRemoteIds(
  db: DbOrTx,
  vendor: string,
  pairs: { personId: string; remoteUserId: string }[],
) {
  for (let i = 0; i < pairs.length; i += 1000) {
    const chunk = pairs.slice(i, i + 1000).map((p) => ({ vendor, ...p, updatedAt: new Date() }));
    await db
      .insert(syncRemoteIds)
      .values(chunk)
      .onConflictDoUpdate({
        target: [syncRemoteIds.vendor, syncRemoteIds.personId],
        set: { remoteUserId: sql`excluded.remote_user_id`, updatedAt: sql`now()` },
      });
  }
}

export async function loadSentHashes(db: DbOrTx, linkId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ id: syncMembers.recordId, hash: syncMembers.fieldsHash })
    .from(syncMembers)
    .where(and(eq(syncMembers.linkId, linkId), eq(syncMembers.state, "up_to_date")));
  return new Map(rows.map((r) => [r.id, r.hash]));
}

export type SyncMemberValues = typeof syncMembers.$inferInsert;

/**
 * Makes the link's member statuses equal `rows`, writing only what differs (an edit of one person in a
 * 10,000-member group writes one row); members who left the group disappear.
 */
export async function replaceSyncMembers(
  db: DbOrTx,
  linkId: string,
  rows: SyncMemberValues[],
): Promise<void> {
  const current = await db
    .select({
      recordType: syncMembers.recordType,
      recordId: syncMembers.recordId,
      state: syncMembers.state,
      reason: syncMembers.reason,
      message: syncMembers.message,
      fieldsHash: syncMembers.fieldsHash,
    })
    .from(syncMembers)
    .where(eq(syncMembers.linkId, linkId));
  const key = (r: { recordType: string; recordId: string }) => `${r.recordType}:${r.recordId}`;
  const sig = (r: Partial<SyncMemberValues>) =>
    JSON.stringify([r.state, r.reason ?? null, r.message ?? "", r.fieldsHash ?? null]);
  const before = new Map(current.map((r) => [key(r), sig(r)]));
  const wanted = new Set(rows.map(key));
  const gone = current.filter((r) => !wanted.has(key(r)));
  for (const t of ["person", "company"] as const) {
    const ids = gone.filter((r) => r.recordType === t).map((r) => r.recordId);
    for (let i = 0; i < ids.length; i += 1000)
      await db
        .delete(syncMembers)
        .where(
          and(
            eq(syncMembers.linkId, linkId),
            eq(syncMembers.recordType, t),
            inArray(syncMembers.recordId, ids.slice(i, i + 1000)),
          ),
        );
  }
  const changed = rows.filter((r) => before.get(key(r)) !== sig(r));
  for (let i = 0; i < changed.length; i += 1000)
    await db
      .insert(syncMembers)
      .values(changed.slice(i, i + 1000).map((r) => ({ reason: null, message: "", fieldsHash: null, ...r })))
      .onConflictDoUpdate({
        target: [syncMembers.linkId, syncMembers.recordType, syncMembers.recordId],
        set: {
          state: sql`excluded.state`,
          reason: sql`excluded.reason`,
          message: sql`excluded.message`,
          fieldsHash: sql`excluded.fields_hash`,
          updatedAt: sql`now()`,
        },
      });
}

export async function setSyncMemberStates(
  db: DbOrTx,
  linkId: string,
  personIds: string[],
  values: Pick<SyncMemberValues, "state" | "reason" | "message" | "fieldsHash">,
): Promise<void> {
  if (!personIds.length) return;
  await db
    .update(syncMembers)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(syncMembers.linkId, linkId),
        eq(syncMembers.recordType, "person"),
        inArray(syncMembers.recordId, personIds),
      ),
    );
}

/** Per-member status of one link for the Members tab (record id → status). */
export async function listSyncMemberStatuses(db: DbOrTx, linkId: string) {
  return db
    .select({
      recordType: syncMembers.recordType,
      recordId: syncMembers.recordId,
      state: syncMembers.state,
      reason: syncMembers.reason,
      message: syncMembers.message,
    })
    .from(syncMembers)
    .where(eq(syncMembers.linkId, linkId));
}

/** Member statuses with names for the Members tab; `filter` narrows to N/A or errors. */
export async function listSyncMembersWithNames(
  db: DbOrTx,
  linkId: string,
  filter?: "not_applicable" | "error",
) {
  return db
    .select({
      recordType: syncMembers.recordType,
      recordId: syncMembers.recordId,
      state: syncMembers.state,
      reason: syncMembers.reason,
      message: syncMembers.message,
      name: sql<string>`coalesce(${people.firstName} || ' ' || ${people.lastName}, ${companies.name}, '')`,
      email: sql<string | null>`coalesce(${people.email}, ${companies.email})`,
    })
    .from(syncMembers)
    .leftJoin(people, and(eq(syncMembers.recordType, "person"), eq(people.id, syncMembers.recordId)))
    .leftJoin(companies, and(eq(syncMembers.recordType, "company"), eq(companies.id, syncMembers.recordId)))
    .where(and(eq(syncMembers.linkId, linkId), filter ? eq(syncMembers.state, filter) : undefined))
    .orderBy(
      sql`case ${syncMembers.state} when 'error' then 0 when 'syncing' then 1 when 'not_applicable' then 2 else 3 end`,
      people.lastName,
    )
    .limit(2000);
}
