"use server";
// Staff actions on people. Each one re-checks the admin (adminAction) and parses with the shared zod schema.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { listCustomFields } from "@/db/queries/custom-fields";
import { getPerson } from "@/db/queries/people";
import { setPersonActive } from "@/lib/records/people";
import { createPerson, updatePerson } from "@/lib/records/people";
import { createUser } from "@/lib/auth/accounts";
import { adminAction, adminCommand, type FormState } from "@/lib/records/admin-action";
import { accountOfPerson } from "@/lib/records/person-account";
import type { CompanyLinkPolicy } from "@/lib/records/company-link";
import { LINK_ANYWAY_FIELD } from "@/lib/schemas/form-state";
import { userAccountInputSchema } from "@/lib/schemas/admin";
import { customValues, optional, socialLinks, text } from "@/lib/records/form-data";
import { personInputSchema } from "@/lib/schemas/records";
import { AppError, fromZodError } from "@/lib/core/errors";
import type { Db } from "@/db/client";

async function parsePerson(db: Db, form: FormData) {
  const raw = {
    firstName: text(form, "firstName"),
    lastName: text(form, "lastName"),
    email: text(form, "email"),
    phone: text(form, "phone"),
    jobTitle: text(form, "jobTitle"),
    companyId: optional(form, "companyId"),
    bio: text(form, "bio"),
    profileImageUrl: text(form, "profileImageUrl"),
    socialLinks: socialLinks(form),
    membershipTypeId: optional(form, "membershipTypeId"),
    joinDate: optional(form, "joinDate"),
    expiryDate: optional(form, "expiryDate"),
    custom: customValues(form, await listCustomFields(db, "person")),
  };
  const parsed = personInputSchema.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

/** Staff link a protected company only by ticking "Link anyway" (offered after the first refusal). */
const staffLink = (form: FormData): CompanyLinkPolicy => ({
  kind: "staff",
  confirmed: form.get(LINK_ANYWAY_FIELD) === "1",
});

export async function createPersonAction(_prev: FormState, form: FormData): Promise<FormState> {
  let id = "";
  const state = await adminAction(async ({ db, actor }) => {
    id = (await createPerson(db, await parsePerson(db, form), actor, { companyLink: staffLink(form) })).id;
  });
  if (state.error) return state;
  redirect(`/people/${id}`);
}

export async function updatePersonAction(id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const version = Number(text(form, "version")) || undefined;
    await updatePerson(db, id, await parsePerson(db, form), actor, {
      expectedVersion: version,
      companyLink: staffLink(form),
    });
  });
  if (state.error) return state;
  revalidatePath(`/people/${id}`);
  redirect(`/people/${id}`);
}

export async function setPersonActiveAction(id: string, active: boolean): Promise<string | void> {
  const error = await adminCommand(({ db, actor }) => setPersonActive(db, id, active, actor));
  if (error) return error;
  revalidatePath(`/people/${id}`);
}

/** Gives a person a member login (email + initial password). */
export async function createAccountAction(
  personId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const person = await getPerson(db, personId);
    if (!person) throw new AppError("not_found", "Person was not found.");
    if (await accountOfPerson(db, personId))
      throw new AppError("conflict", "This person already has a user account.");
    if (!person.active)
      throw new AppError("conflict", "Reactivate this person before giving them a user account.");
    const parsed = userAccountInputSchema.safeParse({
      email: text(form, "email"),
      password: String(form.get("password") ?? ""),
    });
    if (!parsed.success) throw fromZodError(parsed.error);
    await createUser(db, { ...parsed.data, role: "member", personId }, actor);
    return { notice: `User account created for ${parsed.data.email}.` };
  });
  if (!state.error) revalidatePath(`/people/${personId}`);
  return state;
}
