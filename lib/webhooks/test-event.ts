// Staff tools for one webhook endpoint that talk to the receiver or reveal secrets: a signed test delivery
// (sent at once, not queued; it carries no member data) and revealing the signing secret.
import crypto from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { getWebhookEndpoint } from "@/db/queries/webhooks";
import { revealSigningSecret } from "./endpoints";
import { getSiteSettings } from "@/db/queries/site-settings";
import { AppError } from "@/lib/core/errors";
import { deliverOnce } from "./deliver";
import { signingSecretsOf } from "./delivery";
import { signDelivery } from "./sign";

async function endpointOf(db: DbOrTx, id: string) {
  const e = await getWebhookEndpoint(db, id);
  if (!e) throw new AppError("not_found", "That webhook endpoint was not found.");
  return e;
}

export async function sendTestEvent(db: DbOrTx, endpointId: string) {
  const endpoint = await endpointOf(db, endpointId);
  const settings = await getSiteSettings(db);
  const now = new Date();
  const payload = JSON.stringify({
    type: "test",
    timestamp: now.toISOString(),
    data: { endpoint_id: endpoint.id },
  });
  const headers = signDelivery(signingSecretsOf(endpoint, now), {
    id: `msg_${crypto.randomUUID()}`,
    timestamp: now,
    payload,
  });
  return deliverOnce(endpoint.url, headers, payload, {
    allowPrivate: settings.allowPrivateTargets,
    timeoutMs: 10_000,
  });
}

export async function revealEndpointSecret(db: DbOrTx, endpointId: string) {
  return revealSigningSecret(await endpointOf(db, endpointId));
}
