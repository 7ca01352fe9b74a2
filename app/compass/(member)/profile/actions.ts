"use server";
// Saves the signed-in member's own profile. The person id comes from the session only.
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { actorOf, requireMember } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { loadEditableSet, profilePatchFromForm, updateOwnProfile } from "@/lib/portal/profile";
import type { ProfileState } from "@/components/compass/profile-form";

export async function saveProfileAction(_prev: ProfileState, form: FormData): Promise<ProfileState> {
  const me = await requireMember("/compass/profile");
  const db = await getDb();
  try {
    const patch = profilePatchFromForm(form, await loadEditableSet(db));
    await updateOwnProfile(db, me.personId, patch, actorOf(me));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return {
      error: e.message,
      fieldErrors: Object.fromEntries((e.details?.fields ?? []).map((f) => [f.field, f.message])),
    };
  }
  revalidatePath("/compass", "layout");
  return { ok: true };
}
