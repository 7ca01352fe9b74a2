// The member field catalogue: every field the API can return, which record types carry it, and which
// are identity fields that every key always gets (a member makes no sense without them).
export type MemberFieldDef = {
  key: string;
  label: string;
  appliesTo: "person" | "company" | "both";
  locked?: boolean;
};

export const memberFieldCatalogue: MemberFieldDef[] = [
  { key: "id", label: "ID", appliesTo: "both", locked: true },
  { key: "type", label: "Record type", appliesTo: "both", locked: true },
  { key: "first_name", label: "First name", appliesTo: "person", locked: true },
  { key: "last_name", label: "Last name", appliesTo: "person", locked: true },
  { key: "name", label: "Company name", appliesTo: "company", locked: true },
  { key: "updated_at", label: "Last updated", appliesTo: "both", locked: true },
  { key: "email", label: "Email", appliesTo: "both" },
  { key: "phone", label: "Phone", appliesTo: "person" },
  { key: "job_title", label: "Job title", appliesTo: "person" },
  { key: "company_id", label: "Company", appliesTo: "person" },
  { key: "bio", label: "Bio", appliesTo: "person" },
  { key: "profile_image_url", label: "Profile image", appliesTo: "person" },
  { key: "social_links", label: "Social links", appliesTo: "person" },
  { key: "email_domains", label: "Email domains", appliesTo: "company" },
  { key: "membership_type_id", label: "Membership type ID", appliesTo: "both" },
  { key: "membership_type", label: "Membership type", appliesTo: "both" },
  { key: "member_status", label: "Member status", appliesTo: "both" },
  { key: "join_date", label: "Join date", appliesTo: "both" },
  { key: "expiry_date", label: "Expiry date", appliesTo: "both" },
  { key: "approval_status", label: "Approval status", appliesTo: "person" },
  { key: "created_at", label: "Created", appliesTo: "both" },
];

export const lockedMemberFields = memberFieldCatalogue.filter((f) => f.locked).map((f) => f.key);
export const optionalMemberFields = memberFieldCatalogue.filter((f) => !f.locked).map((f) => f.key);
const knownFields = new Set(memberFieldCatalogue.map((f) => f.key));

export const isMemberField = (key: string) => knownFields.has(key);

/** What a key may see: the field keys (always including the locked ones) and custom keys (null = all). */
export type FieldSet = { fields: string[]; customKeys: string[] | null; custom: boolean };
