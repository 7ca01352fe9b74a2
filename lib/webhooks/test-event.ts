// Staff tools for one webhook endpoint: a signed test delivery and revealing the signing secret.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { revealSigningSecret } from "@/db/queries/api-keys-webhooks";
import { getSiteSettings } from "@/db/queries/site-settings";
import { webhookEndpoints } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { deliverOnce } from "./deliver";
import { openSecret } from "./secret-box";
import { signDelivery } from "./sign";

async function endpointOf(db: DbOrTx, id: string) {
  const [e] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!e) throw new AppError("not_found", "That webhook endpoint was not found.");
  return e;
}

export async function sendTestEvent(db: DbOrTx, endpointId: string) {
  const endpoint = await endpointOf(db, endpointId);
  const settings = await getSiteSettings(db);
  const secrets = [openSecret(endpoint.secretEncrypted)];
  if (
    endpoint.previousSecretEncrypted &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > new Date()
  )
    secrets.push(openSecret(endpoint.previousSecretEncrypted));
  const payload = JSON.stringify({
    type: "test",
    timestamp: new Date().toISOString(),
    data: { endpoint_id: endpoint.id },
  });
  const headers = signDelivery(secrets, { id: `msg_${crypto.randomUUID()}`, timestamp: new Date(), payload });
  return deliverOnce(endpoint.url, headers, payload, {
    allowPrivate: settings.allowPrivateTargets,
    timeoutMs: 10_000,
  });
}

export async function revealEndpointSecret(db: DbOrTx, endpointId: string) {
  return revealSigningSecret(await endpointOf(db, endpointId));
}
