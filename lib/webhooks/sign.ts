// Standard Webhooks signing (webhook-id, webhook-timestamp, webhook-signature) with the standardwebhooks
// library. While a secret is being rotated, both signatures are sent (space-separated, as the spec allows).
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
