// The group follower of the change outbox: turns record, account, registration, company and group
// changes into membership updates (and entered_group / left_group log rows), in the follower's transaction.
import { sql } from "drizzle-orm";
import type { DbHandle, DbOrTx, Tx } from "@/db/client";
import { runFollowerOnce, startFollower, type ChangeRow, type FollowerSpec } from "@/lib/outbox/follower";
import { loadConditionContext, todayIso } from "./context";
import { dependentGroups, isTimeBased } from "./graph";
import { applyGroupDiff, reevaluateRecords } from "./membership";

export const GROUP_FOLLOWER = "groups";

type Snap = Record<string, unknown> | null;
const personIdIn = (s: Snap) => (typeof s?.personId === "string" ? s.personId : null);

async function lookupPersonIds(
  tx: DbOrTx,
  table: "users" | "registrations",
  ids: string[],
): Promise<string[]> {
  if (!ids.length) return [];
  const t = sql.raw(table);
  const rows = (await tx.execute(
    sql`select person_id::text as id from ${t} where person_id is not null and id::text in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  )) as unknown as { id: string }[];
  return rows.map((r) => r.id);
}

export async function applyGroupChanges(tx: Tx, batch: ChangeRow[]): Promise<void> {
  const ctx = await loadConditionContext(tx);
  const people = new Map<string, number>();
  const companies = new Map<string, number>();
  const groupIds = new Map<string, number>();
  const users: string[] = [];
  const registrations: string[] = [];
  let everything: number | null = null;
  for (const ch of batch) {
    switch (ch.recordType) {
      case "person":
        people.set(ch.recordId, ch.cursor);
        break;
      case "company":
        companies.set(ch.recordId, ch.cursor);
        break;
      case "user":
      case "registration":
        // Updates carry only changed fields, so the person may have to be looked up.
        for (const id of [personIdIn(ch.before), personIdIn(ch.after)]) if (id) people.set(id, ch.cursor);
        (ch.recordType === "user" ? users : registrations).push(ch.recordId);
        break;
      case "group":
        groupIds.set(ch.recordId, ch.cursor);
        break;
      case "custom_field":
      case "membership_type":
        everything = ch.cursor; // a type's grace days or a field's choices can move anyone
        break;
    }
  }
  const last = batch[batch.length - 1].cursor;
  for (const id of await lookupPersonIds(tx, "users", users)) people.set(id, people.get(id) ?? last);
  for (const id of await lookupPersonIds(tx, "registrations", registrations))
    people.set(id, people.get(id) ?? last);

  const toDiff = new Map<string, number | null>();
  if (everything !== null) for (const id of ctx.groups.keys()) toDiff.set(id, everything);
  for (const [id, c] of groupIds) if (ctx.groups.has(id)) toDiff.set(id, c);
  for (const id of dependentGroups(ctx.groups, groupIds.keys())) toDiff.set(id, toDiff.get(id) ?? last);
  for (const [id, cause] of toDiff) await applyGroupDiff(tx, ctx.groups.get(id)!, ctx, cause);
  if (everything !== null) return; // every group was just recomputed in full

  if (companies.size) {
    // A company's fields decide its people's membership in groups with company-field conditions.
    const rows = (await tx.execute(
      sql`select id::text as id, company_id::text as c from people where company_id in (${sql.join(
        [...companies.keys()].map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`,
    )) as unknown as { id: string; c: string }[];
    for (const r of rows) if (!people.has(r.id)) people.set(r.id, companies.get(r.c)!);
  }
  const uuid = /^[0-9a-f-]{36}$/i;
  const ids = (m: Map<string, number>) => [...m.keys()].filter((k) => uuid.test(k));
  await reevaluateRecords(tx, "person", ids(people), ctx, (id) => people.get(id) ?? null);
  await reevaluateRecords(tx, "company", ids(companies), ctx, (id) => companies.get(id) ?? null);
}

export const groupFollower: FollowerSpec = { name: GROUP_FOLLOWER, batchSize: 500, apply: applyGroupChanges };

/** Catches group membership up with the outbox now (CLI, tests, after writes from another process). */
export const catchUpGroups = (handle: Pick<DbHandle, "db" | "kind">) =>
  runFollowerOnce(handle, groupFollower);

export const startGroupFollower = (handle: Pick<DbHandle, "db" | "sql" | "kind">) =>
  startFollower(handle, groupFollower);

/**
 * The daily job: groups whose membership depends on the date (member status, "expires within 30 days")
 * are recomputed as set differences, so people move in and out without being edited. Holds the group
 * follower's row so it never interleaves with a batch.
 */
export async function reevaluateTimeBasedGroups(
  db: DbOrTx,
  today = todayIso(),
): Promise<{ groups: number; entered: number; left: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into outbox_followers (name) values (${GROUP_FOLLOWER}) on conflict do nothing`,
    );
    await tx.execute(sql`select 1 from outbox_followers where name = ${GROUP_FOLLOWER} for update`);
    const ctx = await loadConditionContext(tx, today);
    const out = { groups: 0, entered: 0, left: 0 };
    for (const g of ctx.groups.values()) {
      if (!isTimeBased(g, ctx)) continue;
      const r = await applyGroupDiff(tx, g, ctx, null);
      out.groups++;
      out.entered += r.entered;
      out.left += r.left;
    }
    return out;
  });
}
