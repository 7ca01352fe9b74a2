// Who a group sync sends. Pure: the row comes from db/queries/sync-members.ts.
import crypto from "node:crypto";
import type { GroupMemberRow } from "@/db/queries/sync-members";
import type { SyncReason } from "@/db/schema/sync";
import type { SyncPerson } from "@/lib/connectors/types";

export type { GroupMemberRow };

export const reasonMessages: Record<SyncReason, string> = {
  is_company: "Companies are not synced; only individuals are.",
  no_user_account: "No user account: only people with a login are synced.",
  deactivated: "The record is deactivated.",
  missing_email: "The person has no email address.",
  remote_rejected: "The remote platform rejected this person.",
};

export type Eligibility = { eligible: true } | { eligible: false; reason: SyncReason; message: string };

/** Today's rule for every link (seed 002): individuals with a user account, active, with an email. */
export function eligibilityOf(row: GroupMemberRow): Eligibility {
  const no = (reason: SyncReason): Eligibility => ({
    eligible: false,
    reason,
    message: reasonMessages[reason],
  });
  if (row.recordType === "company") return no("is_company");
  if (!row.active) return no("deactivated");
  if (!row.hasUserAccount) return no("no_user_account");
  if (!row.email || !row.email.includes("@")) return no("missing_email");
  return { eligible: true };
}

export function toSyncPerson(row: GroupMemberRow, remoteUserId: string | null): SyncPerson {
  return {
    personId: row.recordId,
    email: (row.email ?? "").trim(),
    firstName: row.firstName,
    lastName: row.lastName,
    companyName: row.companyName,
    jobTitle: row.jobTitle,
    remoteUserId,
  };
}

/** Hash of the synced fields: a change to any of them makes the next run send an update. */
export function fieldsHashOf(
  p: Pick<SyncPerson, "email" | "firstName" | "lastName" | "companyName" | "jobTitle">,
): string {
  const text = JSON.stringify([
    p.email.toLowerCase(),
    p.firstName,
    p.lastName,
    p.companyName ?? "",
    p.jobTitle ?? "",
  ]);
  return crypto.createHash("sha256").update(text).digest("base64url").slice(0, 22);
}
