"use server";
// Saves site settings (re-checked by adminAction; the change is recorded in the outbox).
import { revalidatePath } from "next/cache";
import { updateSiteSettings } from "@/db/queries/site-settings";
import { fromZodError } from "@/lib/core/errors";
import { adminAction, type FormState } from "@/lib/records/admin-action";
import { siteSettingsInputSchema } from "@/lib/schemas/admin";
import { checked, text } from "@/lib/records/form-data";

export async function saveSiteSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    const parsed = siteSettingsInputSchema.safeParse({
      siteName: text(form, "siteName"),
      siteUrl: text(form, "siteUrl"),
      launched: checked(form, "launched"),
      allowSyncsOnStaging: checked(form, "allowSyncsOnStaging"),
      allowPrivateTargets: checked(form, "allowPrivateTargets"),
      memberEditableFields: form.getAll("memberEditableFields").map(String),
    });
    if (!parsed.success) throw fromZodError(parsed.error);
    await updateSiteSettings(db, parsed.data, actor);
    return { notice: "Settings saved." };
  });
  // The layout shows the site name and staging/live state.
  if (!state.error) revalidatePath("/", "layout");
  return state;
}
