// THE compiler: a group's definition to one SQL boolean over a people row (aliases p, pmt, c, cmt) or a
// companies row (c, cmt). Every value is a bound parameter; field names only select from fixed SQL
// fragments. Semantics match evaluate.ts exactly (property-tested): under a `not`, each leaf is coalesced
// to false so SQL's three-valued logic cannot make `not` disagree with the evaluator.
import { sql, type SQL } from "drizzle-orm";
import { leafSql } from "./compile-leaf";
import { resolveField } from "./fields";
import { parseTree } from "./schema";
import {
  isLeaf,
  typesInclude,
  type Condition,
  type ConditionContext,
  type GroupDef,
  type MemberRecordType,
} from "./types";

/** The FROM clause a compiled condition expects. */
export function fromClause(t: MemberRecordType): SQL {
  return t === "person"
    ? sql`people p left join membership_types pmt on pmt.id = p.membership_type_id
        left join companies c on c.id = p.company_id left join membership_types cmt on cmt.id = c.membership_type_id`
    : sql`companies c left join membership_types cmt on cmt.id = c.membership_type_id`;
}

function nodeSql(
  c: Condition,
  t: MemberRecordType,
  ctx: ConditionContext,
  visiting: Set<string>,
  negated = false,
): SQL {
  if (isLeaf(c)) {
    const f = resolveField(c.field, ctx.custom);
    if (!f || (f.scope === "person" && t === "company")) return sql`false`;
    // Outside any `not`, and/or are monotone and WHERE treats null as false, so the bare predicate is
    // exact (and keeps indexes usable). Under a `not`, null must first become false.
    const leaf = leafSql(c, f, t, ctx, (g) => groupSql(g, t, ctx, visiting, negated));
    const inner = negated ? sql`coalesce((${leaf}), false)` : sql`(${leaf})`;
    return f.scope === "company" && t === "person" ? sql`(c.id is not null and ${inner})` : inner;
  }
  if ("all" in c)
    return c.all.length
      ? sql`(${sql.join(
          c.all.map((x) => nodeSql(x, t, ctx, visiting, negated)),
          sql` and `,
        )})`
      : sql`true`;
  if ("any" in c)
    return c.any.length
      ? sql`(${sql.join(
          c.any.map((x) => nodeSql(x, t, ctx, visiting, negated)),
          sql` or `,
        )})`
      : sql`false`;
  return sql`(not ${nodeSql(c.not, t, ctx, visiting, true)})`;
}

/** Whether a row of type `t` belongs to the group, as one SQL boolean. Invalid definitions match nobody. */
export function groupSql(
  g: Pick<GroupDef, "id" | "recordTypes" | "mode" | "conditions">,
  t: MemberRecordType,
  ctx: ConditionContext,
  visiting: Set<string> = new Set(),
  negated = false,
): SQL {
  if (!typesInclude(g.recordTypes, t)) return sql`false`;
  // A reference cycle can only come from a corrupt definition (saves reject them): match nobody.
  if (visiting.has(g.id)) return sql`false`;
  const alias = sql.raw(t === "person" ? "p" : "c");
  if (g.mode === "specific")
    return sql`${alias}.id in (select s.record_id from group_specific_records s where s.group_id = ${g.id}::uuid and s.record_type = ${t})`;
  if (g.conditions === null || g.conditions === undefined) return sql`true`;
  const tree = parseTree(g.conditions, ctx);
  if (!tree) return sql`false`;
  return nodeSql(tree, t, ctx, new Set([...visiting, g.id]), negated);
}

/** Record ids in the group, per record type (a query to wrap: count, page, diff). */
export function membersSql(
  g: Pick<GroupDef, "id" | "recordTypes" | "mode" | "conditions">,
  ctx: ConditionContext,
): SQL {
  const parts: SQL[] = [];
  for (const t of ["person", "company"] as const) {
    if (!typesInclude(g.recordTypes, t)) continue;
    const alias = sql.raw(t === "person" ? "p" : "c");
    parts.push(
      sql`select ${t}::text as record_type, ${alias}.id as record_id from ${fromClause(t)} where ${groupSql(g, t, ctx)}`,
    );
  }
  return sql.join(parts, sql` union all `);
}
