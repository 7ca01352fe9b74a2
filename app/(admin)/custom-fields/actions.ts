"use server";
// Staff actions on custom field definitions (re-checked by adminAction; writes go through the outbox).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  createCustomField,
  deleteCustomField,
  getCustomField,
  updateCustomField,
} from "@/db/queries/custom-fields";
import { AppError, fromZodError } from "@/lib/core/errors";
import { adminAction, adminCommand, type FormState } from "@/lib/records/admin-action";
import { customFieldInputSchema, keyFromLabel } from "@/lib/schemas/admin";
import { checked, list, text } from "@/lib/records/form-data";

function parse(form: FormData, fixed?: { entity: string; key: string; type: string }) {
  const label = text(form, "label");
  const parsed = customFieldInputSchema.safeParse({
    entity: fixed?.entity ?? text(form, "entity"),
    key: fixed?.key ?? (text(form, "key") || keyFromLabel(label)),
    label,
    type: fixed?.type ?? text(form, "type"),
    choices: list(form, "choices", /\n/),
    required: checked(form, "required"),
    memberEditable: checked(form, "memberEditable"),
    sortOrder: text(form, "sortOrder") || 0,
  });
  if (!parsed.success) throw fromZodError(parsed.error);
  // Choices only mean something for choice fields.
  const v = parsed.data;
  return v.type.endsWith("_choice") ? v : { ...v, choices: [] };
}

export async function createCustomFieldAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    await createCustomField(db, parse(form), actor);
  });
  if (state.error) return state;
  revalidatePath("/custom-fields");
  redirect("/custom-fields");
}

export async function updateCustomFieldAction(
  id: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const current = await getCustomField(db, id);
    if (!current) throw new AppError("not_found", "Custom field was not found.");
    const { entity: _e, key: _k, type: _t, ...patch } = parse(form, current);
    await updateCustomField(db, id, patch, actor);
  });
  if (state.error) return state;
  revalidatePath("/custom-fields");
  redirect("/custom-fields");
}

export async function deleteCustomFieldAction(id: string): Promise<string | void> {
  const error = await adminCommand(({ db, actor }) => deleteCustomField(db, id, actor));
  if (error) return error;
  revalidatePath("/custom-fields");
  redirect("/custom-fields");
}
