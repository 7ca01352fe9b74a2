// Keeping stored membership current. A definition change is applied as ONE set difference in SQL (a full
// join of wanted and stored members, one pass); a record change re-decides that record against every group
// in ONE query. The writes and their log rows are db/queries/membership-log.ts.
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import {
  applyMembershipDiff,
  lockMembershipLog,
  storedGroupsOf,
  writeMemberships,
} from "@/db/queries/membership-log";
import { fromClause, groupSql, membersSql } from "./compile";
import type { ConditionContext, GroupDef, MemberRecordType } from "./types";

/** Brings one group's stored members in line with its definition. Call inside a transaction. */
export const applyGroupDiff = (tx: DbOrTx, g: GroupDef, ctx: ConditionContext, causeCursor: number | null) =>
  applyMembershipDiff(tx, g.id, membersSql(g, ctx), causeCursor);

/** One query: for each record id, the ids of every group it belongs to. `ids` may be one array parameter. */
export function groupsOfRecordsSql(
  t: MemberRecordType,
  ids: string[] | SQL,
  groups: GroupDef[],
  ctx: ConditionContext,
): SQL {
  const alias = sql.raw(t === "person" ? "p" : "c");
  const cases = groups.length
    ? sql.join(
        groups.map((g) => sql`case when ${groupSql(g, t, ctx)} then ${g.id}::text end`),
        sql`, `,
      )
    : sql``;
  const where = Array.isArray(ids)
    ? sql`${alias}.id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`
    : sql`${alias}.id = ${ids}`;
  return sql`select ${alias}.id::text as id, array_remove(array[${cases}]::text[], null) as groups
    from ${fromClause(t)} where ${where}`;
}

// The 200-group query is large: building its text (drizzle) and planning it cost far more than running
// it. So its text is built once per context with the ids as the single varying parameter and it runs as a
// prepared statement (postgres.js caches statements by text). A single id is compared with `=` so the
// generic plan costs the same as a custom one and Postgres switches to it (no re-planning per record).
const IDS = "\u0000ids";
type Built = { text: string; params: unknown[]; at: number };
const built = new WeakMap<ConditionContext, Map<string, Built>>();
const dialect = new PgDialect();

type RawClient = { unsafe: (q: string, p: unknown[], o: { prepare: boolean }) => Promise<unknown[]> };
const clientOf = (db: DbOrTx) => (db as unknown as { session: { client: RawClient } }).session.client;

export async function groupsOfRecords(
  db: DbOrTx,
  t: MemberRecordType,
  ids: string[],
  ctx: ConditionContext,
): Promise<{ id: string; groups: string[] }[]> {
  if (ids.length === 0) return [];
  const one = ids.length === 1;
  let perCtx = built.get(ctx);
  if (!perCtx) built.set(ctx, (perCtx = new Map()));
  const key = `${t}:${one ? "one" : "many"}`;
  let q = perCtx.get(key);
  if (!q) {
    const where = one ? sql`${IDS}::uuid` : sql`any(${IDS}::uuid[])`;
    const { sql: text, params } = dialect.sqlToQuery(
      groupsOfRecordsSql(t, where, [...ctx.groups.values()], ctx),
    );
    q = { text, params, at: params.indexOf(IDS) };
    perCtx.set(key, q);
  }
  const params = [...q.params];
  params[q.at] = one ? ids[0] : `{${ids.join(",")}}`;
  return (await clientOf(db).unsafe(q.text, params, { prepare: true })) as { id: string; groups: string[] }[];
}

/** Re-decides records against every group and applies the entries/exits. Call inside a transaction. */
export async function reevaluateRecords(
  tx: DbOrTx,
  t: MemberRecordType,
  ids: string[],
  ctx: ConditionContext,
  causeOf: (id: string) => number | null,
): Promise<{ entered: number; left: number }> {
  let entered = 0;
  let left = 0;
  // Before any read: the records and their stored membership must be seen as of the same commits.
  if (ids.length) await lockMembershipLog(tx);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const wanted = await groupsOfRecords(tx, t, chunk, ctx);
    const stored = await storedGroupsOf(tx, t, chunk);
    const want = new Set(wanted.flatMap((w) => w.groups.map((g) => `${g}|${w.id}`)));
    const have = new Set(stored.map((s) => `${s.g}|${s.id}`));
    const pairs = (keys: string[]) => keys.map((k) => k.split("|") as [string, string]);
    const add = [...want].filter((k) => !have.has(k)).sort();
    const remove = [...have].filter((k) => !want.has(k)).sort();
    await writeMemberships(tx, t, pairs(add), pairs(remove), causeOf);
    entered += add.length;
    left += remove.length;
  }
  return { entered, left };
}
