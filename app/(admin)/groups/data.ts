// Server-side data for the group screens (callers check the admin first).
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrationStatuses } from "@/db/schema/events";
import { integrationVendors } from "@/db/schema/integrations";
import type { CustomFieldInfo } from "@/lib/groups/fields";
import type { PickerData } from "@/components/groups/value-input";

export const integrationColumns = integrationVendors.map((v) => ({
  key: v,
  label: v[0].toUpperCase() + v.slice(1),
}));

export async function builderData(
  db: Db,
  exceptGroup?: string,
): Promise<{ custom: CustomFieldInfo[]; data: PickerData }> {
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
    custom: [...(custom as unknown as CustomFieldInfo[])],
    data: {
      membershipTypes: [...(membershipTypes as unknown as { id: string; name: string }[])],
      events: [...(events as unknown as { id: string; name: string }[])],
      groups: [...(groups as unknown as { id: string; name: string }[])],
      registrationStatuses,
    },
  };
}

/** People and companies whose name or email contains q (the Explain tab's record picker). */
export async function searchRecords(db: Db, q: string) {
  const s = q.trim().toLowerCase();
  if (!s) return [];
  return (await db.execute(sql`
    (select 'person' as "recordType", id::text, first_name || ' ' || last_name as name, email from people
      where strpos(lower(first_name || ' ' || last_name || ' ' || coalesce(email, '')), ${s}) > 0
      order by lower(last_name), lower(first_name) limit 20)
    union all
    (select 'company', id::text, name, email from companies
      where strpos(lower(name || ' ' || coalesce(email, '')), ${s}) > 0 order by lower(name) limit 10)`)) as unknown as {
    recordType: "person" | "company";
    id: string;
    name: string;
    email: string | null;
  }[];
}
