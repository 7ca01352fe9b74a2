// Groups: definitions (validated on write, cycles rejected) and their change-outbox rows. Membership is
// maintained by the group follower (lib/groups/follower.ts) from those rows.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { AppError, fromZodError } from "@/lib/core/errors";
import { loadConditionContext } from "@/lib/groups/context";
import { wouldCycle } from "@/lib/groups/graph";
import { conditionsSchema } from "@/lib/groups/schema";
import { groupUsages } from "@/lib/groups/usage";
import type { DbOrTx } from "../client";
import {
  groupModes,
  groupRecordTypes,
  memberRecordTypes,
  type GroupMode,
  type GroupRecordTypes,
} from "../schema";
import { recordChange, type Actor } from "./changes";
import { isUuid } from "@/lib/core/ids";

export type GroupRow = {
  id: string;
  name: string;
  description: string;
  recordTypes: GroupRecordTypes;
  mode: GroupMode;
  conditions: unknown;
  version: number;
  updatedAt: string;
};

export const groupInputSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(200),
  description: z.string().trim().max(2000).default(""),
  recordTypes: z.enum(groupRecordTypes),
  mode: z.enum(groupModes).default("conditions"),
  conditions: z.unknown().nullable().default(null),
  specificRecords: z
    .array(z.object({ recordType: z.enum(memberRecordTypes), recordId: z.uuid() }))
    .max(10_000)
    .optional(),
});
export type GroupInput = z.input<typeof groupInputSchema>;

const cols = sql`id, name, description, record_types as "recordTypes", mode, conditions, version, updated_at::text as "updatedAt"`;

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

/** Validates a definition against the current custom fields, membership types and groups. */
export async function validateGroupInput(db: DbOrTx, input: GroupInput, groupId: string | null) {
  const parsed = groupInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const v = parsed.data;
  if (v.mode === "specific" && v.conditions !== null)
    throw new AppError("invalid_input", "conditions: a specific-records group cannot also have conditions", {
      fields: [{ field: "conditions", message: "Not allowed with specific records" }],
    });
  if (v.mode === "conditions" && v.specificRecords?.length)
    throw new AppError(
      "invalid_input",
      "specificRecords: a group defined by conditions cannot list specific records",
      {
        fields: [{ field: "specificRecords", message: "Only for specific-records groups" }],
      },
    );
  const ctx = await loadConditionContext(db);
  if (v.conditions !== null) {
    const r = conditionsSchema(ctx).safeParse(v.conditions);
    if (!r.success) throw fromZodError(r.error, "conditions");
    if (wouldCycle(ctx.groups, groupId ?? "", r.data))
      throw new AppError(
        "invalid_input",
        "conditions: this would make the group (indirectly) a member of itself",
        {
          fields: [{ field: "conditions", message: "Group references form a cycle" }],
        },
      );
  }
  return v;
}

const snapshot = (g: GroupRow, specificCount: number) => ({
  name: g.name,
  description: g.description,
  recordTypes: g.recordTypes,
  mode: g.mode,
  conditions: g.conditions,
  specificCount,
});

async function writeSpecific(tx: DbOrTx, id: string, list: GroupInput["specificRecords"]) {
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

export async function createGroup(db: DbOrTx, input: GroupInput, actor: Actor): Promise<GroupRow> {
  const v = await validateGroupInput(db, input, null);
  return db.transaction(async (tx) => {
    const [row] = (await tx.execute(sql`insert into groups (name, description, record_types, mode, conditions)
      values (${v.name}, ${v.description}, ${v.recordTypes}, ${v.mode}, ${v.conditions === null ? null : JSON.stringify(v.conditions)}::jsonb)
      returning ${cols}`)) as unknown as GroupRow[];
    const n = await writeSpecific(tx, row.id, v.specificRecords);
    await recordChange(tx, {
      recordType: "group",
      recordId: row.id,
      op: "created",
      before: null,
      after: snapshot(row, n),
      actor,
    });
    return row;
  });
}

export async function updateGroup(
  db: DbOrTx,
  id: string,
  input: GroupInput,
  actor: Actor,
  opts: { expectedVersion?: number } = {},
): Promise<GroupRow> {
  const v = await validateGroupInput(db, input, id);
  return db.transaction(async (tx) => {
    const [cur] = (await tx.execute(
      sql`select ${cols} from groups where id = ${id}::uuid for update`,
    )) as unknown as GroupRow[];
    if (!cur) throw new AppError("not_found", `Group ${id} was not found.`);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== cur.version)
      throw new AppError(
        "precondition_failed",
        `The group was changed by someone else (version ${cur.version}, you had ${opts.expectedVersion}). Reload it and try again.`,
      );
    const before = snapshot(cur, (await listSpecificRecords(tx, id)).length);
    const [row] = (await tx.execute(sql`update groups set name = ${v.name}, description = ${v.description},
      record_types = ${v.recordTypes}, mode = ${v.mode},
      conditions = ${v.conditions === null ? null : JSON.stringify(v.conditions)}::jsonb,
      version = version + 1, updated_at = now() where id = ${id}::uuid returning ${cols}`)) as unknown as GroupRow[];
    const n =
      v.mode === "specific"
        ? await writeSpecific(tx, id, v.specificRecords)
        : await writeSpecific(tx, id, []);
    await recordChange(tx, {
      recordType: "group",
      recordId: id,
      op: "updated",
      before,
      after: snapshot(row, n),
      actor,
    });
    return row;
  });
}

/** Deletes a group unless something uses it; its members leave (logged) in the same transaction. */
export async function deleteGroup(db: DbOrTx, id: string, actor: Actor): Promise<void> {
  const g = await getGroup(db, id);
  if (!g) throw new AppError("not_found", `Group ${id} was not found.`);
  const users = await groupUsages(db, id);
  if (users.length)
    throw new AppError(
      "conflict",
      `The group "${g.name}" cannot be deleted: it is used by ${users.join(", ")}.`,
      { usedBy: users },
    );
  await db.transaction(async (tx) => {
    // Serialise with the group follower so it never writes members of a group being deleted.
    await tx.execute(sql`insert into outbox_followers (name) values ('groups') on conflict do nothing`);
    await tx.execute(sql`select 1 from outbox_followers where name = 'groups' for update`);
    await tx.execute(sql`select pg_advisory_xact_lock(7402212)`);
    await tx.execute(sql`insert into group_membership_changes (group_id, record_type, record_id, kind)
      select group_id, record_type, record_id, 'left_group' from group_members where group_id = ${id}::uuid
      order by record_type, record_id`);
    await tx.execute(sql`delete from group_members where group_id = ${id}::uuid`);
    await tx.execute(sql`delete from groups where id = ${id}::uuid`);
    await recordChange(tx, {
      recordType: "group",
      recordId: id,
      op: "deleted",
      before: snapshot(g, 0),
      after: null,
      actor,
    });
  });
}
