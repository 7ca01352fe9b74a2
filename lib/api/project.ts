// Database rows → wire objects, always through the key's schema (unknown and disallowed fields are
// stripped by zod, so a column added later can never leak by accident).
import type { FieldSet } from "./fields";
import type { MemberRow } from "./members-query";
import { memberSchemaFor } from "./schemas";

const personOnly = [
  "first_name",
  "last_name",
  "phone",
  "job_title",
  "company_id",
  "bio",
  "profile_image_url",
  "social_links",
  "approval_status",
];
const companyOnly = ["name", "email_domains"];

/** The full wire object of a row (before the key's schema narrows it). */
export function memberWireOf(row: MemberRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const skip = row.type === "person" ? companyOnly : personOnly;
  for (const [k, v] of Object.entries(row)) {
    if (k === "version" || skip.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

type KeyLike = { fieldSet: FieldSet; memberSchema?: ReturnType<typeof memberSchemaFor> };

export function projectMember(row: MemberRow, key: KeyLike): Record<string, unknown> {
  const schema = key.memberSchema ?? memberSchemaFor(key.fieldSet);
  return schema.parse(memberWireOf(row)) as Record<string, unknown>;
}

export const etagOf = (row: { version: number; type?: string }) => `"${row.type ?? "r"}-${row.version}"`;
