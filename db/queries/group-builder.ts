// Reads for the group screens: the choices the condition builder offers, and the Explain tab's record
// search. Plain SQL on validated input; app/(admin)/groups/data.ts shapes them for the pages.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

export type Choice = { id: string; name: string };
export type CustomFieldChoice = {
  entity: "person" | "company";
  key: string;
  label: string;
  type: string;
  choices: string[];
};

/** Custom fields, membership types, the latest 500 events and every group but `exceptGroup`. */
export async function listBuilderChoices(db: DbOrTx, exceptGroup?: string) {
  const [custom, membershipTypes, events, groups] = await Promise.all([
    db.execute(
      sql`select entity, key, label, type, choices from custom_fields order by entity, sort_order, label`,
    ),
    db.execute(sql`select id::text, name from membership_types order by name`),
    db.execute(sql`select id::text, name from events order by starts_at desc limit 500`),
    db.execute(
      sql`select id::text, name from groups ${exceptGroup ? sql`where id <> ${exceptGroup}::uuid` : sql``} order by lower(name)`,
    ),
  ]);
  return {
    custom: [...(custom as unknown as CustomFieldChoice[])],
    membershipTypes: [...(membershipTypes as unknown as Choice[])],
    events: [...(events as unknown as Choice[])],
    groups: [...(groups as unknown as Choice[])],
  };
}

export type RecordMatch = {
  recordType: "person" | "company";
  id: string;
  name: string;
  email: string | null;
};

/** Up to 20 people and 10 companies whose name or email contains `needle` (lower case, not empty). */
export async function searchRecordsByText(db: DbOrTx, needle: string): Promise<RecordMatch[]> {
  return (await db.execute(sql`
    (select 'person' as "recordType", id::text, first_name || ' ' || last_name as name, email from people
      where strpos(lower(first_name || ' ' || last_name || ' ' || coalesce(email, '')), ${needle}) > 0
      order by lower(last_name), lower(first_name) limit 20)
    union all
    (select 'company', id::text, name, email from companies
      where strpos(lower(name || ' ' || coalesce(email, '')), ${needle}) > 0 order by lower(name) limit 10)`)) as unknown as RecordMatch[];
}
