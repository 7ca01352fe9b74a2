// Creating and updating people through the API: wire (snake_case) → the app's one person schema, with
// server-owned fields refused by name and writes limited to the fields the key may see.
import type { DbOrTx } from "@/db/client";
import { getCompany } from "@/db/queries/companies";
import type { CompanyLinkPolicy } from "@/lib/records/company-link";
import { createPerson, updatePerson } from "@/lib/records/people";
import { AppError } from "@/lib/core/errors";
import { personInputSchema, personPatchSchema, type PersonInput } from "@/lib/schemas/records";
import { fromZodError } from "@/lib/core/errors";
import type { ResolvedKey } from "@/lib/api-keys/cache";
import type { MemberRow } from "@/db/queries/member-reads";
import { getMemberInScope } from "@/lib/api-keys/scope";
import { parseBody } from "./parse";
import { personPatchWireSchema, personWriteSchema } from "./schemas";

const serverOwned = [
  "id",
  "type",
  "version",
  "created_at",
  "updated_at",
  "active",
  "status",
  "member_status",
  "approval_status",
  "group",
  "groups",
  "group_id",
  "group_ids",
  "membership_type",
  "requested_company_id",
];
const wireToApp: Record<string, keyof PersonInput> = {
  first_name: "firstName",
  last_name: "lastName",
  email: "email",
  phone: "phone",
  job_title: "jobTitle",
  company_id: "companyId",
  bio: "bio",
  profile_image_url: "profileImageUrl",
  membership_type_id: "membershipTypeId",
  join_date: "joinDate",
  expiry_date: "expiryDate",
  custom: "custom",
};

function checkWritable(body: unknown, key: ResolvedKey): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new AppError("invalid_input", "The request body must be a JSON object.");
  const obj = body as Record<string, unknown>;
  const issues: { field: string; message: string }[] = [];
  for (const f of Object.keys(obj)) {
    if (serverOwned.includes(f))
      issues.push({ field: f, message: `${f} is set by the server and cannot be written` });
    else if (f !== "custom" && f in wireToApp && !key.fieldSet.fields.includes(f))
      issues.push({ field: f, message: `${f} is not a field this API key may access` });
  }
  const custom = obj.custom;
  if (custom && typeof custom === "object" && key.fieldSet.customKeys !== null) {
    for (const c of Object.keys(custom))
      if (!key.fieldSet.customKeys.includes(c))
        issues.push({ field: `custom.${c}`, message: `custom.${c} is not a field this API key may access` });
  }
  if (issues.length)
    throw new AppError("invalid_input", issues.map((i) => i.message).join("; "), { fields: issues });
  return obj;
}

const appToWire = Object.fromEntries(Object.entries(wireToApp).map(([w, a]) => [a, w]));

/** The app's errors name app fields (joinDate); an API caller sent wire names (join_date). */
function inWireTerms(e: unknown): unknown {
  if (!(e instanceof AppError) || !e.details?.fields) return e;
  const rename = (f: string) => {
    const [head, ...rest] = f.split(".");
    return [appToWire[head] ?? head, ...rest].join(".");
  };
  const fields = e.details.fields.map((i) => ({ field: rename(i.field), message: i.message }));
  return new AppError(e.code, fields.map((i) => `${i.field}: ${i.message}`).join("; "), {
    ...e.details,
    fields,
  });
}

/** Runs an app-side step, reporting its field errors by wire name. */
async function wireErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw inWireTerms(e);
  }
}

function toApp(wire: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(wire).map(([k, v]) => [wireToApp[k] ?? k, v]));
}

const unscoped = { limitMemberData: false, groupId: null };

/** A key set to follow Company Signup Protection holds a protected link for approval, on create and update. */
const linkPolicyOf = (key: ResolvedKey): CompanyLinkPolicy =>
  key.followSignupProtection ? { kind: "protect" } : { kind: "direct" };

async function requireActiveCompany(db: DbOrTx, id: string) {
  const company = await getCompany(db, id);
  if (!company || !company.active)
    throw new AppError("invalid_input", "company_id: no such company", {
      fields: [{ field: "company_id", message: "No such company" }],
    });
}

export async function createPersonViaApi(db: DbOrTx, key: ResolvedKey, body: unknown) {
  const wire = parseBody(personWriteSchema, checkWritable(body, key));
  const parsed = personInputSchema.safeParse(toApp(wire));
  if (!parsed.success) throw inWireTerms(fromZodError(parsed.error));
  const input = parsed.data;
  if (input.companyId) await requireActiveCompany(db, input.companyId);
  const person = await wireErrors(() =>
    createPerson(db, input, `api_key:${key.id}`, { companyLink: linkPolicyOf(key) }),
  );
  const row = (await getMemberInScope(db, unscoped, person.id)) as MemberRow;
  return {
    row,
    status: person.approvalStatus === "pending_approval" ? "pending_approval" : "approved",
  } as const;
}

/** If-Match: "person-<version>" as sent in ETag (weak W/ form accepted). */
function expectedVersionOf(ifMatch: string | null): number | undefined {
  if (!ifMatch || ifMatch.trim() === "*") return undefined;
  const m = /^(?:W\/)?"person-(\d+)"$/.exec(ifMatch.trim());
  if (!m)
    throw new AppError(
      "precondition_failed",
      "If-Match does not match the current version; GET the member again.",
    );
  return Number(m[1]);
}

export async function updatePersonViaApi(
  db: DbOrTx,
  key: ResolvedKey,
  id: string,
  body: unknown,
  ifMatch: string | null,
) {
  const current = await getMemberInScope(db, key, id);
  if (!current || current.type !== "person") throw new AppError("not_found", `Person ${id} was not found.`);
  const wire = parseBody(personPatchWireSchema, checkWritable(body, key));
  const parsed = personPatchSchema.safeParse(toApp(wire));
  if (!parsed.success) throw inWireTerms(fromZodError(parsed.error));
  if (parsed.data.companyId) await requireActiveCompany(db, parsed.data.companyId);
  await wireErrors(() =>
    updatePerson(db, id, parsed.data, `api_key:${key.id}`, {
      expectedVersion: expectedVersionOf(ifMatch),
      companyLink: linkPolicyOf(key),
    }),
  );
  return (await getMemberInScope(db, unscoped, id)) as MemberRow;
}
