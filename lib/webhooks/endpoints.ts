// A key's webhook endpoints: kept in step with the key's URL list (unchanged URLs keep their secret),
// their signing secrets (generated here, sealed at rest, rotated with a grace period), and Replay.
import crypto from "node:crypto";
import type { DbOrTx } from "@/db/client";
import {
  deleteWebhookEndpoints,
  getDelivery,
  getWebhookEndpoint,
  insertDeliveries,
  insertWebhookEndpoints,
  listWebhookEndpoints,
  setEndpointSecret,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "@/db/queries/webhooks";
import { startFollowerAt, webhookFollowerOf } from "@/db/queries/followers";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import { AppError } from "@/lib/core/errors";
import { feedHead } from "@/lib/api/changes-feed";
import { newSigningSecret } from "./sign";

const seal = (secret: string) => sealSecret("webhook-signing-secrets", secret);
export const openSigningSecret = (sealed: string) => openSecret("webhook-signing-secrets", sealed);

/**
 * Makes the key's staff-entered endpoints exactly `urls` (already validated by the caller). Endpoints the
 * key registered itself (an affiliated site's feed) are not in that list and are left alone.
 */
export async function setWebhookUrls(db: DbOrTx, apiKeyId: string, urls: string[]): Promise<void> {
  const current = (await listWebhookEndpoints(db, apiKeyId)).filter((e) => e.registeredBy === "staff");
  await deleteWebhookEndpoints(
    db,
    apiKeyId,
    current.filter((e) => !urls.includes(e.url)).map((e) => e.id),
  );
  const fresh = [...new Set(urls)].filter((u) => !current.some((e) => e.url === u));
  if (fresh.length) {
    await insertWebhookEndpoints(
      db,
      fresh.map((url) => ({ apiKeyId, url, secretEncrypted: seal(newSigningSecret()) })),
    );
    await ensureWebhookCursor(db, apiKeyId);
  }
}

/** How many endpoints a key may register for itself. */
export const MAX_SELF_REGISTERED_ENDPOINTS = 5;

/**
 * An endpoint the key registers for itself (`POST /api/v1/webhook-endpoints`): the URL goes through the same
 * guard as staff-entered URLs (checked by the caller); the signing secret is returned here, once.
 */
export async function registerEndpointForKey(
  db: DbOrTx,
  apiKeyId: string,
  input: { url: string; description: string },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const mine = (await listWebhookEndpoints(db, apiKeyId)).filter((e) => e.registeredBy === "api");
  if (mine.length >= MAX_SELF_REGISTERED_ENDPOINTS)
    throw new AppError(
      "conflict",
      `This key already has ${MAX_SELF_REGISTERED_ENDPOINTS} webhook endpoints it registered; delete one first.`,
    );
  if (mine.some((e) => e.url === input.url))
    throw new AppError("conflict", "This key already has an endpoint with that URL.", {
      fields: [{ field: "url", message: "Already registered" }],
    });
  const secret = newSigningSecret();
  const [endpoint] = await insertWebhookEndpoints(db, [
    { apiKeyId, ...input, secretEncrypted: seal(secret), registeredBy: "api" },
  ]);
  await ensureWebhookCursor(db, apiKeyId);
  return { endpoint, secret };
}

/** A key's webhooks start at the feed's head when it gets its first endpoint (no replay of history). */
export async function ensureWebhookCursor(db: DbOrTx, apiKeyId: string): Promise<void> {
  await startFollowerAt(db, webhookFollowerOf(apiKeyId), { position: await feedHead(db) });
}

/** Staff may reveal an endpoint's signing secret (to configure the receiver). */
export const revealSigningSecret = (e: Pick<WebhookEndpoint, "secretEncrypted">) =>
  openSigningSecret(e.secretEncrypted);

/** A new signing secret; the previous one keeps signing too until `graceMs` has passed. */
export async function rotateSigningSecret(db: DbOrTx, endpointId: string, graceMs: number): Promise<string> {
  const e = await getWebhookEndpoint(db, endpointId);
  if (!e) throw new AppError("not_found", "That webhook endpoint was not found.");
  const secret = newSigningSecret();
  await setEndpointSecret(db, endpointId, {
    secretEncrypted: seal(secret),
    previousSecretEncrypted: graceMs > 0 ? e.secretEncrypted : null,
    previousSecretExpiresAt: graceMs > 0 ? new Date(Date.now() + graceMs) : null,
  });
  return secret;
}

/** A new webhook-id: every attempt of one message carries the same one, a replay gets its own. */
export const newMessageId = () => `msg_${crypto.randomUUID()}`;

/**
 * Replay: the same payload queued again at the end of the endpoint's queue, under a NEW webhook-id (a
 * receiver that de-duplicates would otherwise ignore it). Held, not sent, while the site is in staging.
 */
export async function replayDelivery(
  db: DbOrTx,
  endpointId: string,
  deliveryId: number,
  held: boolean,
): Promise<WebhookDelivery> {
  const d = await getDelivery(db, endpointId, deliveryId);
  if (!d) throw new AppError("not_found", "That delivery was not found.");
  const [copy] = await insertDeliveries(db, [
    {
      endpointId: d.endpointId,
      messageId: newMessageId(),
      eventType: d.eventType,
      payload: d.payload,
      status: held ? "held" : "pending",
      replayOf: d.id,
    },
  ]);
  return copy;
}
