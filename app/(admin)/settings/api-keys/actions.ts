"use server";
// Staff actions on API keys. Each re-checks the admin; saving validates with the shared schema and the
// SSRF rules; delete and roll take effect on the very next API request.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { revokeApiKey } from "@/db/queries/api-keys";
import { rollApiKey } from "@/lib/api-keys/lifecycle";
import { deleteWebhookEndpoints, getWebhookEndpoint, reenableEndpoint } from "@/db/queries/webhooks";
import { replayDelivery, rotateSigningSecret } from "@/lib/webhooks/endpoints";
import { getSiteSettings } from "@/db/queries/site-settings";
import { requireAdmin } from "@/lib/auth/guards";
import type { FormState } from "@/components/records/form-kit";
import type { KeyFormState, TestEventState } from "@/components/api-keys/form-states";
import { graceChoices, type GraceChoice } from "@/lib/schemas/api-key";
import { saveApiKey } from "@/lib/api-keys/lifecycle";
import { invalidateApiKeys } from "@/lib/api-keys/cache";
import { AppError } from "@/lib/core/errors";
import { requestDelivery } from "@/lib/webhooks/delivery-events";
import { revealEndpointSecret, sendTestEvent } from "@/lib/webhooks/test-event";
import { forgetNewKey, rememberNewKey } from "@/lib/api-keys/new-key-flash";
import { keyInputOf } from "./form-input";

async function guarded(run: () => Promise<KeyFormState | void>): Promise<KeyFormState> {
  try {
    await requireAdmin();
    return (await run()) ?? {};
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const fields: Record<string, string> = {};
    for (const f of e.details?.fields ?? []) fields[f.field] ??= f.message;
    return {
      error: e.code === "invalid_input" ? "Please correct the fields marked below." : e.message,
      fields,
    };
  }
}

/** Save & Close: back to the list, which shows the new key once. */
export async function createApiKeyAction(_prev: KeyFormState, form: FormData): Promise<KeyFormState> {
  const state = await guarded(async () => {
    const { key, secret } = await saveApiKey(await getDb(), null, keyInputOf(form));
    await rememberNewKey({ id: key.id, name: key.name, secret: secret! });
  });
  if (state.error) return state;
  revalidatePath("/settings/api-keys");
  redirect("/settings/api-keys");
}

/** The list has shown the new key: it is not shown again. */
export async function forgetNewKeyAction(): Promise<void> {
  await requireAdmin();
  await forgetNewKey();
}

export async function updateApiKeyAction(
  id: string,
  _prev: KeyFormState,
  form: FormData,
): Promise<KeyFormState> {
  const state = await guarded(async () => {
    await saveApiKey(await getDb(), id, keyInputOf(form));
  });
  if (state.error) return state;
  revalidatePath(`/settings/api-keys/${id}`);
  redirect(`/settings/api-keys?saved=${id}`);
}

export async function rollApiKeyAction(
  id: string,
  _prev: KeyFormState,
  form: FormData,
): Promise<KeyFormState> {
  return guarded(async () => {
    const choice = String(form.get("grace") ?? "none") as GraceChoice;
    if (!(choice in graceChoices))
      throw new AppError("invalid_input", "Choose a grace period", {
        fields: [{ field: "grace", message: "Choose a grace period" }],
      });
    const { secret } = await rollApiKey(await getDb(), id, graceChoices[choice]);
    invalidateApiKeys();
    revalidatePath(`/settings/api-keys/${id}`);
    return { created: { id, secret } };
  });
}

export async function deleteApiKeyAction(id: string): Promise<string | void> {
  const state = await guarded(async () => {
    await revokeApiKey(await getDb(), id);
    invalidateApiKeys();
  });
  if (state.error) return state.error;
  revalidatePath("/settings/api-keys");
  redirect(`/settings/api-keys?deleted=${id}`);
}

/** Send test event: one signed delivery to the endpoint; shows the status and a short excerpt only. */
export async function sendTestEventAction(endpointId: string): Promise<TestEventState> {
  try {
    await requireAdmin();
    const result = await sendTestEvent(await getDb(), endpointId);
    return { result: { status: result.status, excerpt: result.excerpt.slice(0, 200) } };
  } catch (e) {
    if (e instanceof AppError) return { error: e.message };
    return { error: `The endpoint could not be reached: ${(e as Error).message}` };
  }
}

/** Staff may reveal an endpoint's signing secret to configure the receiver. */
export async function revealSecretAction(endpointId: string): Promise<TestEventState> {
  try {
    await requireAdmin();
    return { secret: await revealEndpointSecret(await getDb(), endpointId) };
  } catch (e) {
    if (e instanceof AppError) return { error: e.message };
    throw e;
  }
}

const endpointPath = (e: { id: string; apiKeyId: string }) =>
  `/settings/api-keys/${e.apiKeyId}/webhooks/${e.id}`;

async function endpointOrFail(id: string) {
  const e = await getWebhookEndpoint(await getDb(), id);
  if (!e) throw new AppError("not_found", "That webhook endpoint was not found.");
  return e;
}

/** Replay: the delivery's payload queued again (new webhook-id); held while the site is in staging. */
export async function replayDeliveryAction(endpointId: string, deliveryId: number): Promise<FormState> {
  let notice = "";
  const state = await guarded(async () => {
    const db = await getDb();
    const endpoint = await endpointOrFail(endpointId);
    const held = !(await getSiteSettings(db)).launched;
    await replayDelivery(db, endpoint.id, deliveryId, held);
    if (!held) await requestDelivery(endpoint.id);
    notice = held ? "Queued and held: the site is in staging." : "Queued for delivery.";
    revalidatePath(endpointPath(endpoint));
  });
  return state.error ? { error: state.error } : { notice };
}

/** Rotate secret: the new secret is shown once here; the old one keeps signing during the grace period. */
export async function rotateSecretAction(
  endpointId: string,
  _prev: TestEventState,
  form: FormData,
): Promise<TestEventState> {
  const state = await guarded(async () => {
    const choice = String(form.get("grace") ?? "") as GraceChoice;
    if (!(choice in graceChoices))
      throw new AppError("invalid_input", "Choose how long the old secret keeps signing", {
        fields: [{ field: "grace", message: "Choose a grace period" }],
      });
    const endpoint = await endpointOrFail(endpointId);
    const secret = await rotateSigningSecret(await getDb(), endpoint.id, graceChoices[choice]);
    revalidatePath(endpointPath(endpoint));
    return { created: { id: endpoint.id, secret } };
  });
  return state.error ? { error: state.error } : { secret: state.created?.secret };
}

export async function reenableEndpointAction(endpointId: string): Promise<FormState> {
  const state = await guarded(async () => {
    const endpoint = await endpointOrFail(endpointId);
    await reenableEndpoint(await getDb(), endpoint.id);
    await requestDelivery(endpoint.id);
    revalidatePath(endpointPath(endpoint));
    revalidatePath(`/settings/api-keys/${endpoint.apiKeyId}`);
  });
  return state.error ? { error: state.error } : { notice: "Re-enabled." };
}

/** Removes an endpoint the key registered for itself (an affiliated site's feed stops receiving webhooks). */
export async function removeRegisteredEndpointAction(endpointId: string): Promise<string | void> {
  const state = await guarded(async () => {
    const endpoint = await endpointOrFail(endpointId);
    if (endpoint.registeredBy !== "api")
      throw new AppError("conflict", "Staff-entered URLs are removed with Edit.");
    await deleteWebhookEndpoints(await getDb(), endpoint.apiKeyId, [endpoint.id]);
    revalidatePath(`/settings/api-keys/${endpoint.apiKeyId}`);
  });
  if (state.error) return state.error;
}
