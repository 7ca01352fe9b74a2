// Shared by the groups tests: inserts records straight into a test database and compares the
// compiled SQL with the evaluator over every record.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { membersSql } from "./compile";
import { loadCompanyFacts, loadConditionContext, loadPersonFacts } from "./context";
import { recordInGroup, type EvalRecord } from "./evaluate";
import type { ConditionContext, GroupDef } from "./types";

export const TODAY = "2026-06-15";

export const customFieldRows = [
  { entity: "person", key: "nickname", label: "Nickname", type: "text", choices: [] },
  { entity: "person", key: "score", label: "Score", type: "number", choices: [] },
  { entity: "person", key: "renewal", label: "Renewal", type: "date", choices: [] },
  { entity: "person", key: "vip", label: "VIP", type: "boolean", choices: [] },
  { entity: "person", key: "region", label: "Region", type: "single_choice", choices: ["north", "south"] },
  { entity: "person", key: "topics", label: "Topics", type: "multiple_choice", choices: ["a", "b", "c"] },
  { entity: "company", key: "sector", label: "Sector", type: "single_choice", choices: ["tech", "arts"] },
] as const;

export async function insertCustomFields(db: DbOrTx) {
  for (const f of customFieldRows)
    await db.execute(sql`insert into custom_fields (entity, key, label, type, choices)
      values (${f.entity}, ${f.key}, ${f.label}, ${f.type}, ${`{${f.choices.join(",")}}`}::text[])`);
}

export async function insertMembershipType(db: DbOrTx, name: string, graceDays = 30): Promise<string> {
  const [r] = (await db.execute(
    sql`insert into membership_types (name, grace_days) values (${name}, ${graceDays}) returning id`,
  )) as unknown as { id: string }[];
  return r.id;
}

type Values = Record<string, unknown>;
export async function insertCompany(db: DbOrTx, v: Values): Promise<string> {
  const [r] =
    (await db.execute(sql`insert into companies (name, email, active, membership_type_id, join_date, expiry_date, custom)
    values (${v.name}, ${v.email ?? null}, ${v.active ?? true}, ${v.membershipTypeId ?? null}, ${v.joinDate ?? null},
      ${v.expiryDate ?? null}, ${JSON.stringify(v.custom ?? {})}::jsonb) returning id`)) as unknown as {
      id: string;
    }[];
  return r.id;
}

export async function insertPerson(db: DbOrTx, v: Values): Promise<string> {
  const [r] =
    (await db.execute(sql`insert into people (first_name, last_name, email, phone, job_title, company_id,
      approval_status, active, membership_type_id, join_date, expiry_date, custom)
    values (${v.firstName}, ${v.lastName ?? ""}, ${v.email ?? null}, ${v.phone ?? null}, ${v.jobTitle ?? null},
      ${v.companyId ?? null}, ${v.approvalStatus ?? "approved"}, ${v.active ?? true}, ${v.membershipTypeId ?? null},
      ${v.joinDate ?? null}, ${v.expiryDate ?? null}, ${JSON.stringify(v.custom ?? {})}::jsonb) returning id`)) as unknown as {
      id: string;
    }[];
  return r.id;
}

export async function insertEvent(db: DbOrTx, name: string): Promise<string> {
  const [r] = (await db.execute(
    sql`insert into events (name, starts_at) values (${name}, now()) returning id`,
  )) as unknown as { id: string }[];
  return r.id;
}

export const contextFor = (db: DbOrTx): Promise<ConditionContext> => loadConditionContext(db, TODAY);

export async function sqlMembers(db: DbOrTx, g: GroupDef, ctx: ConditionContext): Promise<string[]> {
  const rows = (await db.execute(
    sql`select record_type || ':' || record_id as k from (${membersSql(g, ctx)}) x order by 1`,
  )) as unknown as { k: string }[];
  return rows.map((r) => r.k).sort();
}

export async function loadAllRecords(db: DbOrTx): Promise<EvalRecord[]> {
  const ids = (await db.execute(
    sql`select 'person' as t, id::text from people union all select 'company', id::text from companies`,
  )) as unknown as { t: string; id: string }[];
  const out: EvalRecord[] = [];
  for (const r of ids) {
    if (r.t === "person") out.push({ type: "person", person: (await loadPersonFacts(db, r.id))! });
    else out.push({ type: "company", company: (await loadCompanyFacts(db, r.id))! });
  }
  return out;
}

export function evalMembers(records: EvalRecord[], g: GroupDef, ctx: ConditionContext): string[] {
  return records
    .filter((r) => recordInGroup(g, r, ctx))
    .map((r) => `${r.type}:${r.type === "person" ? r.person.id : r.company.id}`)
    .sort();
}
