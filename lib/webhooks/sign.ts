// Standard Webhooks signing (webhook-id, webhook-timestamp, webhook-signature) with the standardwebhooks
// library. While a secret is being rotated, both signatures are sent (space-separated, as the spec allows).
import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

export function signDelivery(
  secrets: string[],
  msg: { id: string; timestamp: Date; payload: string },
): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(msg.id, msg.timestamp, msg.payload));
  return {
    "webhook-id": msg.id,
    "webhook-timestamp": String(Math.floor(msg.timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
    "content-type": "application/json",
  };
}

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const newSigningSecret = () => `whsec_${crypto.randomBytes(32).toString("base64")}`;
