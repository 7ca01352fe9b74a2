"use server";
// Staff actions on companies. Each one re-checks the admin (adminAction) and parses with the shared zod schema.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Db } from "@/db/client";
import { setCompanyActive } from "@/lib/records/companies";
import { createCompany, updateCompany } from "@/lib/records/companies";
import { listCustomFields } from "@/db/queries/custom-fields";
import { fromZodError } from "@/lib/core/errors";
import { adminAction, adminCommand, type FormState } from "@/lib/records/admin-action";
import { checked, customValues, list, optional, text } from "@/lib/records/form-data";
import { companyInputSchema } from "@/lib/schemas/records";

async function parseCompany(db: Db, form: FormData) {
  const parsed = companyInputSchema.safeParse({
    name: text(form, "name"),
    email: text(form, "email"),
    emailDomains: list(form, "emailDomains", /[\s,]+/),
    signupProtected: checked(form, "signupProtected"),
    membershipTypeId: optional(form, "membershipTypeId"),
    joinDate: optional(form, "joinDate"),
    expiryDate: optional(form, "expiryDate"),
    custom: customValues(form, await listCustomFields(db, "company")),
  });
  if (!parsed.success) {
    // "emailDomains.2" → the one textarea that holds all domains.
    const e = fromZodError(parsed.error);
    for (const f of e.details?.fields ?? []) f.field = f.field.replace(/^emailDomains\.\d+$/, "emailDomains");
    throw e;
  }
  return parsed.data;
}

export async function createCompanyAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await adminAction(async ({ db, actor }) => {
    id = (await createCompany(db, await parseCompany(db, form), actor)).id;
  });
  if (state.error) return state;
  redirect(`/companies/${id}`);
}

export async function updateCompanyAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const version = Number(text(form, "version")) || undefined;
    await updateCompany(db, id, await parseCompany(db, form), actor, { expectedVersion: version });
  });
  if (state.error) return state;
  revalidatePath(`/companies/${id}`);
  redirect(`/companies/${id}`);
}

export async function setCompanyActiveAction(id: string, active: boolean): Promise<string | void> {
  const error = await adminCommand(({ db, actor }) => setCompanyActive(db, id, active, actor));
  if (error) return error;
  revalidatePath(`/companies/${id}`);
}
