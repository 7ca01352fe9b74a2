"use server";
// Staff actions on SSO clients. Each one re-checks the admin and validates with the shared zod schema.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { deleteSsoClient } from "@/db/queries/sso-clients";
import { createSsoClient, regenerateSsoClientSecret, updateSsoClient } from "@/lib/oidc/clients";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";
import { splitUris, type SsoClientInput } from "@/lib/schemas/sso-client";
import type { SsoFormState } from "@/components/sso/client-form";

function inputOf(form: FormData): SsoClientInput {
  return {
    name: String(form.get("name") ?? ""),
    redirectUris: splitUris(String(form.get("redirectUris") ?? "")),
    postLogoutRedirectUris: splitUris(String(form.get("postLogoutRedirectUris") ?? "")),
    permittedGroupIds: form.getAll("permittedGroupIds").map(String),
    isPublic: form.get("isPublic") === "on",
  };
}

async function guarded(
  run: () => Promise<SsoFormState | void>,
  values?: SsoClientInput,
): Promise<SsoFormState> {
  try {
    await requireAdmin();
    return (await run()) ?? {};
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields: Record<string, string> = {};
    // "redirectUris.2" → the one textarea holding all redirect URLs.
    for (const f of e.details?.fields ?? []) fields[f.field.replace(/\.\d+$/, "")] ??= f.message;
    return { error: e.message, fields, values };
  }
}

export async function createSsoClientAction(_prev: SsoFormState, form: FormData): Promise<SsoFormState> {
  const input = inputOf(form);
  return guarded(async () => {
    const { client, clientSecret } = await createSsoClient(await getDb(), input);
    revalidatePath("/settings/sso-clients");
    return { created: { id: client.id, clientId: client.clientId, clientSecret } };
  }, input);
}

export async function updateSsoClientAction(
  id: string,
  _prev: SsoFormState,
  form: FormData,
): Promise<SsoFormState> {
  const input = inputOf(form);
  const state = await guarded(async () => {
    await updateSsoClient(await getDb(), id, input);
  }, input);
  if (state.error) return state;
  revalidatePath(`/settings/sso-clients/${id}`);
  redirect(`/settings/sso-clients/${id}`);
}

export async function regenerateSecretAction(
  id: string,
  _prev: SsoFormState,
  form: FormData,
): Promise<SsoFormState> {
  return guarded(async () => {
    const hours = Number(form.get("graceHours") ?? 24);
    const { client, clientSecret } = await regenerateSsoClientSecret(await getDb(), id, hours);
    revalidatePath(`/settings/sso-clients/${id}`);
    return { created: { id: client.id, clientId: client.clientId, clientSecret } };
  });
}

export async function deleteSsoClientAction(id: string): Promise<string | void> {
  const state = await guarded(async () => {
    await deleteSsoClient(await getDb(), id);
  });
  if (state.error) return state.error;
  revalidatePath("/settings/sso-clients");
  redirect("/settings/sso-clients");
}
