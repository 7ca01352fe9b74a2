// Delivering one endpoint's webhooks: one attempt at a time per endpoint (a lease on the endpoint row, so
// any number of workflow runs stay safe), always the oldest pending delivery first, so a failing message
// holds back the ones after it and the receiver sees them in order. Every attempt of a message carries
// the same webhook-id (receivers de-duplicate on it). Retries back off from seconds to hours, past a day
// in all; a 410 Gone disables the endpoint at once; an endpoint failing for 3 days is disabled and
// flagged on its key. No transaction is held open during the HTTP call.
import type { DbOrTx } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { getSiteSettings } from "@/db/queries/site-settings";
import {
  endpointStatus,
  failPending,
  hasPending,
  holdPending,
  leaseEndpoint,
  oldestPending,
  recordAttempt,
  releaseLease,
} from "@/db/queries/webhook-deliveries";
import type { WebhookEndpoint } from "@/db/queries/webhooks";
import { deliverOnce, type DeliveryResult } from "./deliver";
import type { Resolver } from "@/lib/outbound/address-guard";
import { openSigningSecret } from "./endpoints";
import { signDelivery } from "./sign";

/** Waits after the 1st, 2nd, … failed attempt (the Standard Webhooks / Svix schedule): 27.6 h in all. */
export const RETRY_DELAYS_MS = [5e3, 5 * 60e3, 30 * 60e3, 2 * 3600e3, 5 * 3600e3, 10 * 3600e3, 10 * 3600e3];
export const DISABLE_AFTER_MS = 3 * 24 * 3600e3;
const LEASE_MS = 60_000;

export type DeliverStep =
  | { state: "delivered" | "failed"; deliveryId: number }
  | { state: "retry"; deliveryId: number; until: string }
  | { state: "idle" | "busy" | "stopped" };

/** The secrets to sign with: the current one, plus the previous one while a rotation is in progress. */
export function signingSecretsOf(
  e: Pick<WebhookEndpoint, "secretEncrypted" | "previousSecretEncrypted" | "previousSecretExpiresAt">,
  now: Date,
): string[] {
  const secrets = [openSigningSecret(e.secretEncrypted)];
  if (e.previousSecretEncrypted && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now)
    secrets.push(openSigningSecret(e.previousSecretEncrypted));
  return secrets;
}

/**
 * Attempts the endpoint's oldest pending delivery if it is due. `busy`: another run holds the endpoint;
 * `idle`: nothing due (a future retry belongs to the run that scheduled it, or to the sweep).
 */
export async function deliverNext(
  db: DbOrTx,
  endpointId: string,
  opts: { now?: () => Date; resolve?: Resolver; timeoutMs?: number } = {},
): Promise<DeliverStep> {
  const clock = opts.now ?? (() => new Date());
  const now = clock();
  const endpoint = await leaseEndpoint(db, endpointId, now, new Date(now.getTime() + LEASE_MS));
  if (!endpoint) {
    const status = await endpointStatus(db, endpointId);
    if (status !== "active") {
      if (status) await failPending(db, endpointId, "The endpoint is disabled", now);
      return { state: "stopped" };
    }
    return { state: "busy" };
  }
  const head = await oldestPending(db, endpointId);
  // (A second of slack: a run woken by its timer a moment early still takes its retry.)
  if (!head || (head.nextAttemptAt && head.nextAttemptAt.getTime() > now.getTime() + 1_000)) {
    await releaseLease(db, endpointId);
    // A delivery queued while we held the lease was told "busy": look once more after releasing it.
    if (!head && (await hasPending(db, endpointId))) return deliverNext(db, endpointId, opts);
    return { state: "idle" };
  }
  const key = await getApiKey(db, endpoint.apiKeyId);
  if (!key || key.revokedAt) {
    await failPending(db, endpointId, "The API key was deleted", now);
    await releaseLease(db, endpointId);
    return { state: "stopped" };
  }
  const settings = await getSiteSettings(db);
  if (!settings.launched) {
    // The site went back to staging after these were queued: hold them, as new ones are.
    await holdPending(db, endpointId);
    await releaseLease(db, endpointId);
    return { state: "idle" };
  }

  const started = Date.now();
  let result: DeliveryResult | null = null;
  let error: string | null = null;
  try {
    const headers = signDelivery(signingSecretsOf(endpoint, now), {
      id: head.messageId,
      timestamp: now,
      payload: head.payload,
    });
    result = await deliverOnce(endpoint.url, headers, head.payload, {
      allowPrivate: settings.allowPrivateTargets,
      timeoutMs: opts.timeoutMs ?? 10_000,
      resolve: opts.resolve,
    });
  } catch (e) {
    error = (e as Error).message;
  }
  const durationMs = Date.now() - started;
  const finished = clock();
  const attempts = head.attempts + 1;
  const ok = result !== null && result.status >= 200 && result.status < 300;
  const gone = result?.status === 410;
  const failingSince = ok ? null : (endpoint.failingSince ?? finished);
  const tooLong = !ok && finished.getTime() - failingSince!.getTime() >= DISABLE_AFTER_MS;
  const delay = RETRY_DELAYS_MS[attempts - 1];
  const retryAt =
    !ok && !gone && !tooLong && delay !== undefined ? new Date(finished.getTime() + delay) : null;

  const disabledReason = gone ? "The endpoint answered 410 Gone" : tooLong ? "Failing for 3 days" : null;
  return db.transaction(async (tx) => {
    await recordAttempt(tx, endpointId, {
      attempt: {
        deliveryId: head.id,
        at: now,
        status: result?.status ?? null,
        excerpt: result?.excerpt.slice(0, 500) ?? null,
        error,
        durationMs,
      },
      delivery: {
        attempts,
        status: ok ? "delivered" : retryAt ? "pending" : "failed",
        nextAttemptAt: retryAt,
        lastStatus: result?.status ?? null,
        lastExcerpt: result?.excerpt.slice(0, 500) ?? null,
        lastError: error,
        finishedAt: retryAt ? null : finished,
      },
      endpoint: {
        leaseUntil: null,
        failingSince,
        ...(disabledReason ? { status: "disabled" as const, disabledReason } : {}),
      },
    });
    if (disabledReason)
      await failPending(tx, endpointId, `Not sent: ${disabledReason.toLowerCase()}`, finished);
    if (ok) return { state: "delivered" as const, deliveryId: head.id };
    if (retryAt) return { state: "retry" as const, deliveryId: head.id, until: retryAt.toISOString() };
    return { state: "failed" as const, deliveryId: head.id };
  });
}
