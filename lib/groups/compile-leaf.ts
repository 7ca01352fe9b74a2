// Leaf clauses to SQL, one fragment per field kind and operator (see compile.ts for the tree).
import { sql, type SQL } from "drizzle-orm";
import { memberStatusFilterSql } from "@/db/schema/member-status";
import { type MemberStatus } from "@/lib/schemas/member-status";
import { CALENDAR_DATE_PATTERN } from "@/lib/schemas/typed-values";
import type { ResolvedField } from "./fields";
import type { ConditionContext, GroupDef, Leaf, MemberRecordType } from "./types";

const list = (vals: unknown[]) =>
  sql.join(
    vals.map((v) => sql`${v}`),
    sql`, `,
  );
const json = (o: unknown) => sql`${JSON.stringify(o)}::jsonb`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const columns: Record<string, string> = {
  first_name: "p.first_name",
  last_name: "p.last_name",
  email: "p.email",
  phone: "p.phone",
  job_title: "p.job_title",
  approval_status: "p.approval_status",
  active: "p.active",
  membership_type: "p.membership_type_id::text",
  join_date: "p.join_date",
  expiry_date: "p.expiry_date",
  "company.name": "c.name",
  "company.email": "c.email",
  "company.active": "c.active",
  "company.membership_type": "c.membership_type_id::text",
  "company.join_date": "c.join_date",
  "company.expiry_date": "c.expiry_date",
};

function customExpr(f: ResolvedField, as: "text" | "number" | "date" | "boolean"): SQL {
  const r = sql.raw(f.scope === "company" ? "c" : "p");
  const k = f.customKey!;
  switch (as) {
    case "text":
      return sql`(case when jsonb_typeof(${r}.custom -> ${k}::text) = 'string' then ${r}.custom ->> ${k}::text end)`;
    case "number":
      return sql`(case when jsonb_typeof(${r}.custom -> ${k}::text) = 'number' then (${r}.custom ->> ${k}::text)::numeric end)`;
    case "date":
      // Only values the shared parser reads as dates are cast: anything else stored there never matches.
      return sql`(case when jsonb_typeof(${r}.custom -> ${k}::text) = 'string' and (${r}.custom ->> ${k}::text) ~ ${CALENDAR_DATE_PATTERN} then (${r}.custom ->> ${k}::text)::date end)`;
    case "boolean":
      return sql`(case when jsonb_typeof(${r}.custom -> ${k}::text) = 'boolean' then (${r}.custom ->> ${k}::text)::boolean end)`;
  }
}

export function leafSql(
  leaf: Leaf,
  f: ResolvedField,
  t: MemberRecordType,
  ctx: ConditionContext,
  inGroup: (g: GroupDef) => SQL,
): SQL {
  const v = leaf.value as never;
  const today = sql`${ctx.today}::date`;
  const rec = sql.raw(f.scope === "company" ? "c" : "p");
  const col = (as: "text" | "number" | "date" | "boolean") =>
    f.customKey ? customExpr(f, as) : sql.raw(columns[f.key]);
  switch (f.kind) {
    case "text": {
      const val = sql`coalesce(lower(${col("text")}), '')`;
      const s = String(v ?? "").toLowerCase();
      switch (leaf.op) {
        case "eq":
          return sql`${val} = ${s}`;
        case "neq":
          return sql`${val} <> ${s}`;
        case "contains":
          return sql`strpos(${val}, ${s}) > 0`;
        case "not_contains":
          return sql`strpos(${val}, ${s}) = 0`;
        // Bare lower(column) LIKE 'x%' so the text_pattern_ops indexes apply.
        case "starts_with":
          return sql`lower(${col("text")}) like ${`${escapeLike(s)}%`}`;
        case "ends_with":
          return sql`right(${val}, ${s.length}::int) = ${s}`;
        case "is_empty":
          return sql`${val} = ''`;
        case "is_not_empty":
          return sql`${val} <> ''`;
      }
      break;
    }
    case "number": {
      const n = col("number");
      const x = sql`${v}::numeric`;
      switch (leaf.op) {
        case "eq":
          return sql`${n} = ${x}`;
        case "neq":
          return sql`${n} is distinct from ${x}`;
        case "gt":
          return sql`${n} > ${x}`;
        case "gte":
          return sql`${n} >= ${x}`;
        case "lt":
          return sql`${n} < ${x}`;
        case "lte":
          return sql`${n} <= ${x}`;
        case "between":
          return sql`${n} between ${(v as number[])[0]}::numeric and ${(v as number[])[1]}::numeric`;
        case "is_empty":
          return sql`${n} is null`;
        case "is_not_empty":
          return sql`${n} is not null`;
      }
      break;
    }
    case "date": {
      const d = col("date");
      const days = sql`${v}::int`;
      switch (leaf.op) {
        case "on":
          return sql`${d} = ${v}::date`;
        case "before":
          return sql`${d} < ${v}::date`;
        case "after":
          return sql`${d} > ${v}::date`;
        case "between":
          return sql`${d} between ${(v as string[])[0]}::date and ${(v as string[])[1]}::date`;
        case "within_next_days":
          return sql`${d} between ${today} and ${today} + ${days}`;
        case "within_last_days":
          return sql`${d} between ${today} - ${days} and ${today}`;
        case "more_than_days_ago":
          return sql`${d} < ${today} - ${days}`;
        case "more_than_days_ahead":
          return sql`${d} > ${today} + ${days}`;
        case "is_empty":
          return sql`${d} is null`;
        case "is_not_empty":
          return sql`${d} is not null`;
      }
      break;
    }
    case "boolean": {
      const b =
        f.key === "has_user_account"
          ? sql`exists (select 1 from users u where u.person_id = p.id)`
          : col("boolean");
      return leaf.op === "is_true" ? sql`${b} = true` : sql`${b} = false`;
    }
    case "choice": {
      const vals = (v ?? []) as string[];
      if (f.key.endsWith("member_status")) {
        const type = f.scope === "company" ? "cmt" : "pmt";
        const anyOf = (ss: string[]) =>
          sql`(${sql.join(
            ss.map((s) =>
              memberStatusFilterSql(f.scope === "company" ? "c" : "p", type, s as MemberStatus, today),
            ),
            sql` or `,
          )})`;
        if (leaf.op === "in") return anyOf(vals);
        if (leaf.op === "not_in") return sql`not coalesce(${anyOf(vals)}, false)`;
        return leaf.op === "is_empty" ? sql`false` : sql`true`;
      }
      if (f.customKey) {
        const k = f.customKey;
        const anyOf = sql`(${sql.join(
          vals.map((s) => sql`${rec}.custom @> ${json({ [k]: s })}`),
          sql` or `,
        )})`;
        const present = sql`jsonb_typeof(${rec}.custom -> ${k}::text) = 'string'`;
        if (leaf.op === "in") return anyOf;
        if (leaf.op === "not_in") return sql`not coalesce(${anyOf}, false)`;
        return leaf.op === "is_empty" ? sql`not coalesce(${present}, false)` : present;
      }
      const c = col("text");
      if (leaf.op === "in") return sql`${c} in (${list(vals)})`;
      if (leaf.op === "not_in") return sql`coalesce(${c} not in (${list(vals)}), true)`;
      return leaf.op === "is_empty" ? sql`${c} is null` : sql`${c} is not null`;
    }
    case "multi": {
      const k = f.customKey!;
      const vals = (v ?? []) as string[];
      const anyOf = sql`(${sql.join(
        vals.map((s) => sql`${rec}.custom @> ${json({ [k]: [s] })}`),
        sql` or `,
      )})`;
      const len = sql`coalesce(jsonb_array_length(case when jsonb_typeof(${rec}.custom -> ${k}::text) = 'array' then ${rec}.custom -> ${k}::text end), 0)`;
      switch (leaf.op) {
        case "has_any":
          return anyOf;
        case "has_all":
          return sql`${rec}.custom @> ${json({ [k]: vals })}`;
        case "has_none":
          return sql`not coalesce(${anyOf}, false)`;
        case "is_empty":
          return sql`${len} = 0`;
        case "is_not_empty":
          return sql`${len} > 0`;
      }
      break;
    }
    case "event": {
      const e = v as { eventId: string; statuses?: string[] };
      const st = e.statuses ? sql` and r.status in (${list(e.statuses)})` : sql``;
      return sql`exists (select 1 from registrations r where r.person_id = p.id and r.event_id = ${e.eventId}::uuid${st})`;
    }
    case "group": {
      const g = ctx.groups.get(v);
      return g ? inGroup(g) : sql`false`;
    }
  }
  return sql`false`;
}
