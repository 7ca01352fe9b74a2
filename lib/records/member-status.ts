// Member status is derived, never stored: from the membership type and the join/expiry dates. This is
// the rule for one record; db/schema/member-status.ts is the same rule in SQL (tests cross-check them).
import type { MemberStatus } from "@/lib/schemas/member-status";

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
