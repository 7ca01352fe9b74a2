// Pure mapping between our records and Mobilize's JSON (external-apis.md §2.4–2.5). No I/O here, so
// it is tested on recorded payloads in fixtures/.
import type { RemoteGroup, RemoteMember, SyncPerson } from "../types";

export type MobilizeFieldMapping = {
  /** Mobilize custom-field key (unique_name) that receives the company name; "" = do not send. */
  companyField: string;
  /** Mobilize custom-field key that receives the job title; "" = do not send. */
  jobTitleField: string;
};

export const defaultFieldMapping: MobilizeFieldMapping = {
  companyField: "company_name",
  jobTitleField: "job_title",
};

export type MobilizeMemberFields = Record<string, string>;

/** The `fields` object Mobilize stores for a person: email, names and the mapped custom fields. */
export function toMobilizeFields(person: SyncPerson, mapping: MobilizeFieldMapping): MobilizeMemberFields {
  const fields: MobilizeMemberFields = {
    email: person.email.trim(),
    first_name: person.firstName.trim(),
    last_name: person.lastName.trim(),
  };
  if (mapping.companyField) fields[mapping.companyField] = person.companyName?.trim() ?? "";
  if (mapping.jobTitleField) fields[mapping.jobTitleField] = person.jobTitle?.trim() ?? "";
  return fields;
}

/** Body of "create group member": by id when we know the user, else by email (Mobilize upserts on it). */
export function toAddMemberBody(person: SyncPerson, mapping: MobilizeFieldMapping): Record<string, unknown> {
  if (person.remoteUserId) return { user_id: numericIfPossible(person.remoteUserId) };
  return { fields: toMobilizeFields(person, mapping) };
}

/** Body of "update user". */
export function toUpdateUserBody(person: SyncPerson, mapping: MobilizeFieldMapping): Record<string, unknown> {
  const { first_name, last_name, email, ...custom } = toMobilizeFields(person, mapping);
  return { first_name, last_name, email, fields: custom };
}

function numericIfPossible(id: string): string | number {
  return /^\d+$/.test(id) && id.length < 16 ? Number(id) : id;
}

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

export function fromMobilizeGroup(raw: unknown): RemoteGroup {
  const g = raw as Record<string, unknown>;
  if (g === null || typeof g !== "object" || (typeof g.id !== "number" && typeof g.id !== "string"))
    throw new Error("group without an id");
  const parent = g.parent_group ?? g.parent_group_id ?? null;
  return {
    id: str(g.id),
    name: str(g.name) || `Group ${str(g.id)}`,
    parentId: parent === null ? null : str(parent) || null,
  };
}

export function fromMobilizeUser(raw: unknown): RemoteMember {
  const u = raw as Record<string, unknown>;
  if (u === null || typeof u !== "object" || (typeof u.id !== "number" && typeof u.id !== "string"))
    throw new Error("member without an id");
  const fields = (u.fields ?? {}) as Record<string, unknown>;
  const email = str(u.email) || str(fields.email);
  return {
    remoteUserId: str(u.id),
    email: email ? email.toLowerCase() : null,
    firstName: str(u.first_name) || str(fields.first_name),
    lastName: str(u.last_name) || str(fields.last_name),
  };
}
