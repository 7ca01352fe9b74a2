// The member statuses and their labels (screens, the API, group conditions). Status is derived, never
// stored: lib/records/member-status.ts (one record) and db/schema/member-status.ts (SQL) decide it.
export const memberStatuses = ["current", "grace", "non_member", "expired"] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusLabels: Record<MemberStatus, string> = {
  current: "Current",
  grace: "Grace period",
  non_member: "Non-member",
  expired: "Expired",
};
