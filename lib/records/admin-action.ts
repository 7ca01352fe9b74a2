// The wrapper every staff server action runs in: checks the admin again (the layout is not enough),
// hands the work the database and the actor, and turns AppErrors into form state with field errors.
import "server-only";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/db/queries/changes";
import { actorOf, requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import type { FormState } from "@/lib/schemas/form-state";

export type { FormState };

export function formStateOf(e: AppError): FormState {
  const fieldErrors: Record<string, string> = {};
  for (const f of e.details?.fields ?? []) fieldErrors[f.field] ??= f.message;
  return {
    error: e.code === "invalid_input" ? "Please correct the fields marked below." : e.message,
    fieldErrors,
  };
}

export async function adminAction(
  work: (ctx: { db: Db; actor: Actor }) => Promise<FormState | void>,
): Promise<FormState> {
  try {
    const admin = await requireAdmin();
    return (await work({ db: await getDb(), actor: actorOf(admin) })) ?? {};
  } catch (e) {
    if (e instanceof AppError) return formStateOf(e);
    throw e; // includes Next's redirect signal
  }
}

/** For ConfirmButton actions: an error message, or nothing on success. */
export async function adminCommand(
  work: (ctx: { db: Db; actor: Actor }) => Promise<unknown>,
): Promise<string | void> {
  const state = await adminAction(async (ctx) => {
    await work(ctx);
  });
  return state.error;
}
