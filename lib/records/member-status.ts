// Member status is derived, never stored: from the membership type and the join/expiry dates.
// One pure function for single records and one SQL expression for queries; tests cross-check them.
import { sql, type SQL } from "drizzle-orm";

export const memberStatuses = ["current", "grace", "non_member", "expired"] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusLabels: Record<MemberStatus, string> = {
  current: "Current",
  grace: "Grace period",
  non_member: "Non-member",
  expired: "Expired",
};

/** `today` and `expiryDate` are ISO dates (YYYY-MM-DD). */
export function deriveMemberStatus(input: {
  membershipTypeId: string | null;
  expiryDate: string | null;
  graceDays: number | null;
  today: string;
}): MemberStatus {
  if (!input.membershipTypeId) return "non_member";
  if (!input.expiryDate || input.expiryDate >= input.today) return "current";
  const graceEnd = new Date(`${input.expiryDate}T00:00:00Z`);
  graceEnd.setUTCDate(graceEnd.getUTCDate() + (input.graceDays ?? 0));
  return graceEnd.toISOString().slice(0, 10) >= input.today ? "grace" : "expired";
}

/**
 * The same rule in SQL. `record` is the alias of a people or companies row and `type` the alias of its
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
