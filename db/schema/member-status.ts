// The derived member status as SQL: the same rule as deriveMemberStatus (lib/records/member-status.ts),
// for queries over many records; tests cross-check the two.
import { sql, type SQL } from "drizzle-orm";
import type { MemberStatus } from "@/lib/schemas/member-status";

/**
 * The status in SQL. `record` is the alias of a people or companies row and `type` the alias of its
 * joined membership_types row (grace_days may be null when there is no type).
 */
export function memberStatusSql(
  record: string,
  type: string,
  today: SQL = sql`current_date`,
): SQL<MemberStatus> {
  const r = sql.raw(record);
  const t = sql.raw(type);
  return sql<MemberStatus>`(case
    when ${r}.membership_type_id is null then 'non_member'
    when ${r}.expiry_date is null or ${r}.expiry_date >= ${today} then 'current'
    when ${r}.expiry_date + coalesce(${t}.grace_days, 0) >= ${today} then 'grace'
    else 'expired' end)`;
}

/** An index-friendly filter for one status (used by list screens and the API). */
export function memberStatusFilterSql(
  record: string,
  type: string,
  status: MemberStatus,
  today: SQL = sql`current_date`,
): SQL {
  const r = sql.raw(record);
  const t = sql.raw(type);
  switch (status) {
    case "non_member":
      return sql`${r}.membership_type_id is null`;
    case "current":
      return sql`(${r}.membership_type_id is not null and (${r}.expiry_date is null or ${r}.expiry_date >= ${today}))`;
    case "grace":
      return sql`(${r}.membership_type_id is not null and ${r}.expiry_date < ${today} and ${r}.expiry_date + coalesce(${t}.grace_days, 0) >= ${today})`;
    case "expired":
      return sql`(${r}.membership_type_id is not null and ${r}.expiry_date + coalesce(${t}.grace_days, 0) < ${today})`;
  }
}
