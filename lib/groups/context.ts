// Loads what conditions refer to (custom fields, membership types, other groups) and one record's facts
// for the evaluator and explain.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/lib/core/ids";
import type { CustomFieldInfo } from "./fields";
import type { CompanyFacts, EvalRecord, PersonFacts } from "./evaluate";
import type { ConditionContext, GroupDef, MemberRecordType } from "./types";

export const todayIso = () => new Date().toISOString().slice(0, 10);

type Rows<T> = T[];

export async function loadConditionContext(db: DbOrTx, today = todayIso()): Promise<ConditionContext> {
  const [custom, types, groups] = await Promise.all([
    db.execute(sql`select entity, key, label, type, choices from custom_fields`) as unknown as Promise<
      Rows<CustomFieldInfo>
    >,
    db.execute(sql`select id from membership_types`) as unknown as Promise<Rows<{ id: string }>>,
    db.execute(
      sql`select id, name, record_types as "recordTypes", mode, conditions from groups`,
    ) as unknown as Promise<Rows<GroupDef>>,
  ]);
  return {
    custom: [...custom],
    membershipTypeIds: new Set(types.map((t) => t.id)),
    groups: new Map(groups.map((g) => [g.id, g])),
    today,
  };
}

/** Adds the hand-picked lists of specific-records groups that one record is on (for the evaluator). */
async function withSpecific(db: DbOrTx, ctx: ConditionContext, t: MemberRecordType, id: string) {
  const rows = (await db.execute(
    sql`select group_id as "groupId" from group_specific_records where record_type = ${t} and record_id = ${id}::uuid`,
  )) as unknown as { groupId: string }[];
  const specific = new Map<string, Set<string>>();
  for (const r of rows) specific.set(r.groupId, new Set([`${t}:${id}`]));
  return { ...ctx, specific };
}

const companyCols = sql`c.id, c.name, c.email, c.active, c.membership_type_id as "membershipTypeId",
  c.join_date::text as "joinDate", c.expiry_date::text as "expiryDate", cmt.grace_days as "graceDays", c.custom`;

export async function loadCompanyFacts(db: DbOrTx, id: string): Promise<CompanyFacts | null> {
  const [row] = (await db.execute(
    sql`select ${companyCols} from companies c left join membership_types cmt on cmt.id = c.membership_type_id where c.id = ${id}::uuid`,
  )) as unknown as CompanyFacts[];
  return row ?? null;
}

export async function loadPersonFacts(db: DbOrTx, id: string): Promise<PersonFacts | null> {
  const [row] = (await db.execute(sql`
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.email, p.phone, p.job_title as "jobTitle",
      p.approval_status as "approvalStatus", p.active, p.membership_type_id as "membershipTypeId",
      p.join_date::text as "joinDate", p.expiry_date::text as "expiryDate", pmt.grace_days as "graceDays", p.custom,
      p.company_id as "companyId",
      exists (select 1 from users u where u.person_id = p.id) as "hasUserAccount",
      coalesce((select json_agg(json_build_object('eventId', r.event_id, 'status', r.status))
        from registrations r where r.person_id = p.id), '[]'::json) as registrations
    from people p left join membership_types pmt on pmt.id = p.membership_type_id where p.id = ${id}::uuid`)) as unknown as (PersonFacts & {
    companyId: string | null;
  })[];
  if (!row) return null;
  const { companyId, ...person } = row;
  return { ...person, company: companyId ? await loadCompanyFacts(db, companyId) : null };
}

/** A record by id (person first, then company), with a context ready for evaluating it. */
export async function loadEvalRecord(
  db: DbOrTx,
  id: string,
  ctx: ConditionContext,
): Promise<{ record: EvalRecord; ctx: ConditionContext } | null> {
  if (!isUuid(id)) return null;
  const person = await loadPersonFacts(db, id);
  if (person) return { record: { type: "person", person }, ctx: await withSpecific(db, ctx, "person", id) };
  const company = await loadCompanyFacts(db, id);
  if (company)
    return { record: { type: "company", company }, ctx: await withSpecific(db, ctx, "company", id) };
  return null;
}
