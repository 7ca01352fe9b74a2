// Keeping stored membership current. A definition change is applied as ONE set difference in SQL (a full
// join of wanted and stored members, one pass); a record change re-decides that record against every group
// in ONE query. Every entry and exit is logged to group_membership_changes in commit order.
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { fromClause, groupSql, membersSql } from "./compile";
import type { ConditionContext, GroupDef, MemberRecordType } from "./types";

/** All writers of the membership log serialise on this (held to commit), like the change outbox. */
export const MEMBERSHIP_LOG_LOCK = 7_402_212;

const lockLog = (tx: DbOrTx) => tx.execute(sql`select pg_advisory_xact_lock(${MEMBERSHIP_LOG_LOCK})`);

/** The set-difference query: rows (record_type, record_id, kind) that must enter or leave. */
export function diffSql(g: GroupDef, ctx: ConditionContext): SQL {
  return sql`select coalesce(d.record_type, m.record_type) as record_type,
      coalesce(d.record_id, m.record_id) as record_id,
      case when m.record_id is null then 'entered_group' else 'left_group' end as kind
    from (${membersSql(g, ctx)}) d
    full join (select record_type, record_id from group_members where group_id = ${g.id}::uuid) m
      on m.record_type = d.record_type and m.record_id = d.record_id
    where d.record_id is null or m.record_id is null`;
}

/** Brings one group's stored members in line with its definition. Call inside a transaction. */
export async function applyGroupDiff(
  tx: DbOrTx,
  g: GroupDef,
  ctx: ConditionContext,
  causeCursor: number | null,
): Promise<{ entered: number; left: number }> {
  await lockLog(tx);
  const [row] = (await tx.execute(sql`
    with diff as materialized (${diffSql(g, ctx)}),
    ins as (insert into group_members (group_id, record_type, record_id)
      select ${g.id}::uuid, record_type, record_id from diff where kind = 'entered_group'),
    del as (delete from group_members m using diff
      where m.group_id = ${g.id}::uuid and m.record_type = diff.record_type and m.record_id = diff.record_id
        and diff.kind = 'left_group'),
    log as (insert into group_membership_changes (group_id, record_type, record_id, kind, cause_cursor)
      select ${g.id}::uuid, record_type, record_id, kind, ${causeCursor}::bigint from diff
      order by kind, record_type, record_id returning kind)
    select count(*) filter (where kind = 'entered_group')::int as entered,
      count(*) filter (where kind = 'left_group')::int as left from log`)) as unknown as {
    entered: number;
    left: number;
  }[];
  return row;
}

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
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const wanted = await groupsOfRecords(tx, t, chunk, ctx);
    const stored = (await tx.execute(sql`select group_id::text as g, record_id::text as id from group_members
      where record_type = ${t} and record_id in (${sql.join(
        chunk.map((x) => sql`${x}::uuid`),
        sql`, `,
      )})`)) as unknown as {
      g: string;
      id: string;
    }[];
    const want = new Set(wanted.flatMap((w) => w.groups.map((g) => `${g}|${w.id}`)));
    const have = new Set(stored.map((s) => `${s.g}|${s.id}`));
    const add = [...want].filter((k) => !have.has(k)).sort();
    const remove = [...have].filter((k) => !want.has(k)).sort();
    if (!add.length && !remove.length) continue;
    await lockLog(tx);
    const pairs = (keys: string[]) => keys.map((k) => k.split("|") as [string, string]);
    if (add.length)
      await tx.execute(
        sql`insert into group_members (group_id, record_type, record_id) values ${sql.join(
          pairs(add).map(([g, id]) => sql`(${g}::uuid, ${t}, ${id}::uuid)`),
          sql`, `,
        )} on conflict do nothing`,
      );
    if (remove.length)
      await tx.execute(
        sql`delete from group_members where record_type = ${t} and (group_id, record_id) in (${sql.join(
          pairs(remove).map(([g, id]) => sql`(${g}::uuid, ${id}::uuid)`),
          sql`, `,
        )})`,
      );
    const log = [
      ...pairs(add).map(
        ([g, id]) => sql`(${g}::uuid, ${t}, ${id}::uuid, 'entered_group', ${causeOf(id)}::bigint)`,
      ),
      ...pairs(remove).map(
        ([g, id]) => sql`(${g}::uuid, ${t}, ${id}::uuid, 'left_group', ${causeOf(id)}::bigint)`,
      ),
    ];
    await tx.execute(
      sql`insert into group_membership_changes (group_id, record_type, record_id, kind, cause_cursor) values ${sql.join(log, sql`, `)}`,
    );
    entered += add.length;
    left += remove.length;
  }
  return { entered, left };
}
