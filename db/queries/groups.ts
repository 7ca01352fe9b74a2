// Group definitions: rows only. Validation, cycles, usage and the outbox rows are lib/groups/definitions.ts;
// membership is kept by the group follower (lib/changes/group-membership.ts).
import { sql } from "drizzle-orm";
import type { GroupDefinition } from "@/lib/schemas/group";
import type { DbOrTx } from "../client";
import { type GroupMode, type GroupRecordTypes } from "../schema";
import { isUuid } from "@/lib/core/ids";

export type GroupRow = {
  id: string;
  name: string;
  description: string;
  recordTypes: GroupRecordTypes;
  mode: GroupMode;
  conditions: unknown;
  visibleToMembers: boolean;
  version: number;
  updatedAt: string;
};

const cols = sql`id, name, description, record_types as "recordTypes", mode, conditions,
  visible_to_members as "visibleToMembers", version, updated_at::text as "updatedAt"`;

export async function getGroup(db: DbOrTx, id: string): Promise<GroupRow | null> {
  if (!isUuid(id)) return null;
  const [row] = (await db.execute(
    sql`select ${cols} from groups where id = ${id}::uuid`,
  )) as unknown as GroupRow[];
  return row ?? null;
}

/** Every group with its stored member count, by name. */
export async function listGroups(db: DbOrTx): Promise<(GroupRow & { memberCount: number })[]> {
  return (await db.execute(sql`select ${cols},
      (select count(*)::int from group_members m where m.group_id = g.id) as "memberCount"
    from groups g order by lower(name), id`)) as unknown as (GroupRow & { memberCount: number })[];
}

export async function listSpecificRecords(db: DbOrTx, groupId: string) {
  return (await db.execute(
    sql`select record_type as "recordType", record_id::text as "recordId" from group_specific_records where group_id = ${groupId}::uuid order by record_type, record_id`,
  )) as unknown as { recordType: "person" | "company"; recordId: string }[];
}

/** What the outbox keeps of a group definition. */
export const groupSnapshot = (g: GroupRow, specificCount: number) => ({
  name: g.name,
  description: g.description,
  recordTypes: g.recordTypes,
  mode: g.mode,
  conditions: g.conditions,
  visibleToMembers: g.visibleToMembers,
  specificCount,
});

/** Makes the hand-picked list of a specific-records group exactly `list`; returns its length. */
export async function writeSpecificRecords(
  tx: DbOrTx,
  id: string,
  list: GroupDefinition["specificRecords"],
): Promise<number> {
  await tx.execute(sql`delete from group_specific_records where group_id = ${id}::uuid`);
  const uniq = [...new Map((list ?? []).map((r) => [`${r.recordType}:${r.recordId}`, r])).values()];
  if (uniq.length)
    await tx.execute(
      sql`insert into group_specific_records (group_id, record_type, record_id) values ${sql.join(
        uniq.map((r) => sql`(${id}::uuid, ${r.recordType}, ${r.recordId}::uuid)`),
        sql`, `,
      )}`,
    );
  return uniq.length;
}

/** Inserts a group definition (already validated); the caller records the change. */
export async function insertGroup(tx: DbOrTx, v: GroupDefinition): Promise<GroupRow> {
  const [row] =
    (await tx.execute(sql`insert into groups (name, description, record_types, mode, conditions, visible_to_members)
    values (${v.name}, ${v.description}, ${v.recordTypes}, ${v.mode}, ${v.conditions === null ? null : JSON.stringify(v.conditions)}::jsonb, ${v.visibleToMembers})
    returning ${cols}`)) as unknown as GroupRow[];
  return row;
}

/** The group's row, locked until the transaction ends. */
export async function lockGroup(tx: DbOrTx, id: string): Promise<GroupRow | null> {
  const [cur] = (await tx.execute(
    sql`select ${cols} from groups where id = ${id}::uuid for update`,
  )) as unknown as GroupRow[];
  return cur ?? null;
}

/** Replaces a group's definition (already validated) and bumps its version. */
export async function updateGroupRow(tx: DbOrTx, id: string, v: GroupDefinition): Promise<GroupRow> {
  const [row] = (await tx.execute(sql`update groups set name = ${v.name}, description = ${v.description},
    record_types = ${v.recordTypes}, mode = ${v.mode},
    conditions = ${v.conditions === null ? null : JSON.stringify(v.conditions)}::jsonb,
    visible_to_members = ${v.visibleToMembers},
    version = version + 1, updated_at = now() where id = ${id}::uuid returning ${cols}`)) as unknown as GroupRow[];
  return row;
}

export async function deleteGroupRow(tx: DbOrTx, id: string): Promise<void> {
  await tx.execute(sql`delete from groups where id = ${id}::uuid`);
}

/** Every group by name, for pickers (API key, SSO client, conditions). */
export async function listGroupChoices(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return (await db.execute(
    sql`select id::text as id, name from groups order by lower(name), id`,
  )) as unknown as { id: string; name: string }[];
}

/** Groups defined by conditions other than this one (the ones that may reference it). */
export async function groupsWithConditions(db: DbOrTx, exceptId: string) {
  return (await db.execute(
    sql`select id, name, conditions from groups where mode = 'conditions' and id <> ${exceptId}::uuid and conditions is not null`,
  )) as unknown as { id: string; name: string; conditions: unknown }[];
}

/** Features pointing at the group (API keys, syncs, SSO clients), as human descriptions. */
export async function featuresUsingGroup(db: DbOrTx, groupId: string): Promise<string[]> {
  const rows = (await db.execute(sql`
    select 'API key "' || name || '"' as what from api_keys where group_id = ${groupId}::uuid and revoked_at is null
    union all
    select initcap(vendor) || ' sync (linked to "' || remote_group_name || '")' from sync_links where group_id = ${groupId}::uuid
    union all
    select 'SSO client "' || name || '"' from sso_clients where ${groupId}::uuid = any(permitted_group_ids)`)) as unknown as {
    what: string;
  }[];
  return rows.map((r) => r.what);
}
