"use server";
// Staff actions on membership types (re-checked by adminAction; writes go through the outbox).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createMembershipType, updateMembershipType } from "@/db/queries/membership-types";
import { fromZodError } from "@/lib/core/errors";
import { adminAction, type FormState } from "@/lib/records/admin-action";
import { membershipTypeInputSchema } from "@/lib/schemas/admin";
import { text } from "@/lib/records/form-data";

function parse(form: FormData) {
  const parsed = membershipTypeInputSchema.safeParse({
    name: text(form, "name"),
    description: text(form, "description"),
    appliesTo: text(form, "appliesTo"),
    graceDays: text(form, "graceDays") === "" ? undefined : text(form, "graceDays"),
  });
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

export async function createMembershipTypeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const row = await createMembershipType(db, parse(form), actor);
    return { notice: `Membership type ${row.name} created.` };
  });
  if (!state.error) revalidatePath("/membership-types");
  return state;
}

export async function updateMembershipTypeAction(
  id: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    await updateMembershipType(db, id, parse(form), actor);
  });
  if (state.error) return state;
  revalidatePath("/membership-types");
  redirect("/membership-types");
}
