// Database rows → wire objects, always through the key's schema (unknown and disallowed fields are
// stripped by zod, so a column added later can never leak by accident).
import type { FieldSet } from "@/lib/schemas/member-fields";
import type { EventRow, RegistrationRow } from "@/db/queries/event-reads";
import type { MemberRow } from "@/db/queries/member-reads";
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
// What a row of each type carries but its wire object does not (`version` is for ETags only).
const notOnWire = {
  person: new Set([...companyOnly, "version"]),
  company: new Set([...personOnly, "version"]),
};

/** The full wire object of a row (before the key's schema narrows it). */
export function memberWireOf(row: MemberRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const skip = notOnWire[row.type];
  // for…in over the row's own keys, not Object.entries: this runs for every row of every page.
  for (const k in row) if (!skip.has(k)) out[k] = row[k];
  return out;
}

type KeyLike = { fieldSet: FieldSet; memberSchema?: ReturnType<typeof memberSchemaFor> };

export function projectMember(row: MemberRow, key: KeyLike): Record<string, unknown> {
  const schema = key.memberSchema ?? memberSchemaFor(key.fieldSet);
  return schema.parse(memberWireOf(row)) as Record<string, unknown>;
}

export const etagOf = (row: { version: number; type?: string }) => `"${row.type ?? "r"}-${row.version}"`;

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

export const eventWireOf = (r: EventRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  location: r.location ?? null,
  starts_at: iso(r.starts_at),
  ends_at: iso(r.ends_at),
  capacity: r.capacity ?? null,
  status: r.status,
  updated_at: iso(r.updated_at),
});

export const registrationWireOf = (r: RegistrationRow) => ({
  id: r.id,
  event_id: r.event_id,
  person_id: r.person_id,
  status: r.status,
  registered_at: iso(r.registered_at),
  updated_at: iso(r.updated_at),
});
