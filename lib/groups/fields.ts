// The fields a condition may test. Client-safe: the builder lists them, the validator, compiler and
// evaluator all resolve a leaf's field through resolveField() so they cannot disagree.
import { memberStatuses, memberStatusLabels } from "@/lib/schemas/member-status";
import type { ValueKind } from "./operators";

/** "person" fields apply to people only; "company" fields (key prefix "company.") apply to a company
 * itself and to a person's company. Event and group fields apply to whatever record is tested. */
export type FieldScope = "person" | "company" | "any";

export type FieldDef = {
  key: string;
  label: string;
  scope: FieldScope;
  kind: ValueKind;
  /** Fixed choices (value, label) for choice/multi kinds. */
  choices?: { value: string; label: string }[];
  /** Where choices come from when not fixed. */
  choicesFrom?: "membership_types";
  timeBased?: boolean;
};

export type CustomFieldInfo = {
  entity: "person" | "company";
  key: string;
  label: string;
  type: string;
  choices: string[];
};

const statusChoices = memberStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }));
const approval = ["approved", "pending_approval", "rejected"].map((v) => ({
  value: v,
  label: v.replace("_", " "),
}));

export const staticFields: FieldDef[] = [
  { key: "first_name", label: "First name", scope: "person", kind: "text" },
  { key: "last_name", label: "Last name", scope: "person", kind: "text" },
  { key: "email", label: "Email", scope: "person", kind: "text" },
  { key: "phone", label: "Phone", scope: "person", kind: "text" },
  { key: "job_title", label: "Job title", scope: "person", kind: "text" },
  {
    key: "approval_status",
    label: "Company link approval",
    scope: "person",
    kind: "choice",
    choices: approval,
  },
  { key: "active", label: "Active", scope: "person", kind: "boolean" },
  { key: "has_user_account", label: "Has a user account", scope: "person", kind: "boolean" },
  {
    key: "membership_type",
    label: "Membership type",
    scope: "person",
    kind: "choice",
    choicesFrom: "membership_types",
  },
  {
    key: "member_status",
    label: "Member status",
    scope: "person",
    kind: "choice",
    choices: statusChoices,
    timeBased: true,
  },
  { key: "join_date", label: "Join date", scope: "person", kind: "date" },
  { key: "expiry_date", label: "Expiry date", scope: "person", kind: "date" },
  { key: "event", label: "Event registration", scope: "person", kind: "event" },
  { key: "company.name", label: "Company: name", scope: "company", kind: "text" },
  { key: "company.email", label: "Company: email", scope: "company", kind: "text" },
  { key: "company.active", label: "Company: active", scope: "company", kind: "boolean" },
  {
    key: "company.membership_type",
    label: "Company: membership type",
    scope: "company",
    kind: "choice",
    choicesFrom: "membership_types",
  },
  {
    key: "company.member_status",
    label: "Company: member status",
    scope: "company",
    kind: "choice",
    choices: statusChoices,
    timeBased: true,
  },
  { key: "company.join_date", label: "Company: join date", scope: "company", kind: "date" },
  { key: "company.expiry_date", label: "Company: expiry date", scope: "company", kind: "date" },
  { key: "group", label: "Group", scope: "any", kind: "group" },
];

const customKinds: Record<string, ValueKind> = {
  text: "text",
  number: "number",
  date: "date",
  boolean: "boolean",
  single_choice: "choice",
  multiple_choice: "multi",
};

export function customFieldDef(f: CustomFieldInfo): FieldDef | null {
  const kind = customKinds[f.type];
  if (!kind) return null;
  const person = f.entity === "person";
  return {
    key: `${person ? "" : "company."}custom.${f.key}`,
    label: `${person ? "" : "Company: "}${f.label}`,
    scope: person ? "person" : "company",
    kind,
    choices: f.choices.length ? f.choices.map((c) => ({ value: c, label: c })) : undefined,
  };
}

/** Every field available, for the builder's picker. */
export function allFields(custom: CustomFieldInfo[]): FieldDef[] {
  return [...staticFields, ...custom.map(customFieldDef).filter((f): f is FieldDef => f !== null)];
}

const staticByKey = new Map(staticFields.map((f) => [f.key, f]));

export type ResolvedField = FieldDef & { customKey?: string };

/** The definition of a field key, or null when no such field exists. */
export function resolveField(key: string, custom: CustomFieldInfo[]): ResolvedField | null {
  const fixed = staticByKey.get(key);
  if (fixed) return fixed;
  const m = /^(company\.)?custom\.(.+)$/.exec(key);
  if (!m) return null;
  const entity = m[1] ? "company" : "person";
  const info = custom.find((c) => c.entity === entity && c.key === m[2]);
  const def = info && customFieldDef(info);
  return def ? { ...def, customKey: info.key } : null;
}
