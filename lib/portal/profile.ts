// What a member may change about themselves in the compass. Staff choose the person fields
// (site settings → memberEditableFields) and the custom fields (memberEditable); everything else is
// read-only. The person is always the signed-in account's own: no id is ever taken from the request.
import type { DbOrTx } from "@/db/client";
import { listCustomFields } from "@/db/queries/custom-fields";
import type { Actor } from "@/db/queries/changes";
import { updatePersonRecord, type Person } from "@/db/queries/people";
import { decideMembershipsNow } from "@/lib/changes/membership-now";
import { validateCustomValues } from "@/lib/records/custom-values";
import { getSiteSettings } from "@/db/queries/site-settings";
import { AppError, fromZodError, type FieldIssue } from "@/lib/core/errors";
import { personPatchSchema, socialLinksSchema } from "@/lib/schemas/records";
import type { CustomValues } from "@/db/schema";

/** Person columns a member could ever be allowed to edit, by their settings name (snake case). */
export const portalFields = {
  first_name: { key: "firstName", label: "First name" },
  last_name: { key: "lastName", label: "Last name" },
  phone: { key: "phone", label: "Phone" },
  job_title: { key: "jobTitle", label: "Job title" },
  bio: { key: "bio", label: "About you" },
  profile_image_url: { key: "profileImageUrl", label: "Profile image URL" },
  social_links: { key: "socialLinks", label: "Social links" },
} as const;
export type PortalField = keyof typeof portalFields;
export const socialNetworks = ["website", "linkedin", "twitter", "facebook", "instagram"] as const;

export type EditableSet = {
  fields: PortalField[];
  custom: Awaited<ReturnType<typeof listCustomFields>>;
  readOnlyCustom: Awaited<ReturnType<typeof listCustomFields>>;
};

export async function loadEditableSet(db: DbOrTx): Promise<EditableSet> {
  const [settings, defs] = await Promise.all([getSiteSettings(db), listCustomFields(db, "person")]);
  const fields = (Object.keys(portalFields) as PortalField[]).filter((f) =>
    settings.memberEditableFields.includes(f),
  );
  return {
    fields,
    custom: defs.filter((d) => d.memberEditable),
    readOnlyCustom: defs.filter((d) => !d.memberEditable),
  };
}

/** A profile patch: camelCase person fields plus `custom`. */
export type ProfilePatch = Record<string, unknown> & { custom?: CustomValues };

/**
 * Applies a member's own edit. Any field the member may not edit is refused (naming it) and nothing is
 * written; the values then go through the same schema and write path as staff edits.
 */
export async function updateOwnProfile(
  db: DbOrTx,
  personId: string,
  patch: ProfilePatch,
  actor: Actor,
): Promise<Person> {
  const editable = await loadEditableSet(db);
  const allowed = new Set<string>(editable.fields.map((f) => portalFields[f].key));
  const allowedCustom = new Set(editable.custom.map((d) => d.key));
  const refused: FieldIssue[] = [];
  for (const key of Object.keys(patch)) {
    if (key === "custom") continue;
    if (!allowed.has(key)) refused.push({ field: key, message: "You can't change this field; ask staff" });
  }
  for (const key of Object.keys(patch.custom ?? {}))
    if (!allowedCustom.has(key))
      refused.push({ field: `custom.${key}`, message: "You can't change this field; ask staff" });
  if (refused.length)
    throw new AppError(
      "forbidden",
      `Not editable here: ${refused.map((r) => r.field).join(", ")}. Ask staff to change it.`,
      { fields: refused },
    );
  const parsed = personPatchSchema.safeParse(patch);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { custom, ...fields } = parsed.data;
  // Validated before the transaction: on PGlite (one connection) a read on the outer handle inside the
  // write transaction would wait for itself.
  const checked = custom && validateCustomValues(editable.custom, custom, { partial: true });
  return updatePersonRecord(
    db,
    personId,
    (current) => ({ ...fields, ...(checked ? { custom: { ...current.custom, ...checked } } : {}) }),
    actor,
    { afterWrite: decideMembershipsNow },
  );
}

/**
 * Reads the profile form. Only the editable fields are read; any other submitted field (a crafted
 * `email`, `membershipTypeId`, `id`…) is reported so the edit is refused rather than silently dropped.
 */
export function profilePatchFromForm(form: FormData, editable: EditableSet): ProfilePatch {
  const known = new Set<string>();
  const patch: ProfilePatch = {};
  for (const f of editable.fields) {
    const key = portalFields[f].key;
    if (key === "socialLinks") {
      const links: Record<string, string> = {};
      for (const n of socialNetworks) {
        known.add(`social.${n}`);
        const v = String(form.get(`social.${n}`) ?? "").trim();
        if (v) links[n] = v;
      }
      const ok = socialLinksSchema.safeParse(links);
      if (!ok.success) throw fromZodError(ok.error, "social");
      patch.socialLinks = links;
      continue;
    }
    known.add(key);
    if (form.has(key)) patch[key] = String(form.get(key));
  }
  const custom: CustomValues = {};
  for (const d of editable.custom) {
    const name = `custom.${d.key}`;
    known.add(name);
    if (d.type === "multiple_choice") custom[d.key] = form.getAll(name).map(String);
    else if (d.type === "boolean") {
      const v = String(form.get(name) ?? "");
      custom[d.key] = v === "" ? null : v === "true";
    } else custom[d.key] = String(form.get(name) ?? "");
  }
  if (editable.custom.length) patch.custom = custom;
  // Next adds its own `$ACTION_…` fields to progressively enhanced forms.
  for (const name of new Set(form.keys())) {
    if (known.has(name) || name.startsWith("$ACTION")) continue;
    if (name.startsWith("custom.")) (patch.custom ??= {})[name.slice(7)] = String(form.get(name));
    else patch[name] = String(form.get(name));
  }
  return patch;
}
