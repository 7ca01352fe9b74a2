// Writing group definitions: validated against the current custom fields, membership types and groups,
// cycles refused, deletion refused while something uses the group. Each write appends its change-outbox
// row in the same transaction; the group follower (lib/changes/group-membership.ts) then moves members.
import type { DbOrTx } from "@/db/client";
import { recordChange, type Actor } from "@/db/queries/changes";
import { GROUP_FOLLOWER, lockFollower } from "@/db/queries/followers";
import {
  deleteGroupRow,
  getGroup,
  groupSnapshot,
  insertGroup,
  listSpecificRecords,
  lockGroup,
  updateGroupRow,
  writeSpecificRecords,
  type GroupRow,
} from "@/db/queries/groups";
import { removeAllMembers } from "@/db/queries/membership-log";
import { AppError, fromZodError } from "@/lib/core/errors";
import { groupInputSchema, type GroupDefinition, type GroupInput } from "@/lib/schemas/group";
import { loadConditionContext } from "./context";
import { wouldCycle } from "./graph";
import { conditionsSchema } from "./schema";
import { groupUsages } from "./usage";

/** Validates a definition against the current custom fields, membership types and groups. */
export async function validateGroupInput(
  db: DbOrTx,
  input: GroupInput,
  groupId: string | null,
): Promise<GroupDefinition> {
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

export async function createGroup(db: DbOrTx, input: GroupInput, actor: Actor): Promise<GroupRow> {
  const v = await validateGroupInput(db, input, null);
  return db.transaction(async (tx) => {
    const row = await insertGroup(tx, v);
    const n = await writeSpecificRecords(tx, row.id, v.specificRecords);
    await recordChange(tx, {
      recordType: "group",
      recordId: row.id,
      op: "created",
      before: null,
      after: groupSnapshot(row, n),
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
    const cur = await lockGroup(tx, id);
    if (!cur) throw new AppError("not_found", `Group ${id} was not found.`);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== cur.version)
      throw new AppError(
        "precondition_failed",
        `The group was changed by someone else (version ${cur.version}, you had ${opts.expectedVersion}). Reload it and try again.`,
      );
    const before = groupSnapshot(cur, (await listSpecificRecords(tx, id)).length);
    const row = await updateGroupRow(tx, id, v);
    const n = await writeSpecificRecords(tx, id, v.mode === "specific" ? v.specificRecords : []);
    await recordChange(tx, {
      recordType: "group",
      recordId: id,
      op: "updated",
      before,
      after: groupSnapshot(row, n),
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
    await lockFollower(tx, GROUP_FOLLOWER);
    await removeAllMembers(tx, id);
    await deleteGroupRow(tx, id);
    await recordChange(tx, {
      recordType: "group",
      recordId: id,
      op: "deleted",
      before: groupSnapshot(g, 0),
      after: null,
      actor,
    });
  });
}
