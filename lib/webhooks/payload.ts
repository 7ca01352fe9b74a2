// What a webhook says about a record, honouring the key's fields exactly like the REST API does.
import { projectMember } from "@/lib/api/project";
import type { FieldSet } from "@/lib/api/fields";
import type { MemberRow } from "@/lib/api/members-query";

export type WebhookPayload = {
  type: "member.upserted" | "member.removed" | "test";
  timestamp: string;
  data: Record<string, unknown>;
};

/** `row` null = the record left the key's scope or was deactivated: only its id and type are sent. */
export function buildMemberPayload(
  key: { fieldSet: FieldSet },
  change: { id: string; recordType: "person" | "company"; row: MemberRow | null; at: Date },
): WebhookPayload {
  return change.row
    ? { type: "member.upserted", timestamp: change.at.toISOString(), data: projectMember(change.row, key) }
    : {
        type: "member.removed",
        timestamp: change.at.toISOString(),
        data: { id: change.id, type: change.recordType },
      };
}
