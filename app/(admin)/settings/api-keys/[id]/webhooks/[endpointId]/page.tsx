// Staff: one webhook endpoint: its delivery log (payload, answers, attempts) with Replay, and the tools:
// Send test event, Reveal / Rotate signing secret, Re-enable when it was disabled.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { getWebhookEndpoint, listDeliveries, type WebhookDelivery } from "@/db/queries/webhooks";
import { getSiteSettings } from "@/db/queries/site-settings";
import { requireAdmin } from "@/lib/auth/guards";
import { EndpointTools } from "@/components/api-keys/endpoint-tools";
import { RotateSecret } from "@/components/api-keys/rotate-secret";
import { InlineAction } from "@/components/records/inline-action";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import {
  reenableEndpointAction,
  replayDeliveryAction,
  revealSecretAction,
  rotateSecretAction,
  sendTestEventAction,
} from "../../../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Webhook endpoint" };

const PAGE = 50;
const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "");
const tones = { pending: "blue", held: "amber", delivered: "green", failed: "red" } as const;
const labels = { pending: "Pending", held: "Held (staging)", delivered: "Delivered", failed: "Failed" };

function StatusCell({ d }: { d: WebhookDelivery }) {
  return (
    <>
      <Badge tone={tones[d.status]}>{labels[d.status]}</Badge>
      {d.status === "pending" && d.nextAttemptAt && (
        <span className="ml-1 text-xs text-slate-600">retry {when(d.nextAttemptAt)}</span>
      )}
    </>
  );
}

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; endpointId: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  await requireAdmin();
  const { id, endpointId } = await params;
  const before = Number((await searchParams).before) || undefined;
  const db = await getDb();
  const [key, endpoint, settings] = await Promise.all([
    getApiKey(db, id),
    getWebhookEndpoint(db, endpointId),
    getSiteSettings(db),
  ]);
  if (!key || key.revokedAt || !endpoint || endpoint.apiKeyId !== id) notFound();
  const deliveries = await listDeliveries(db, endpointId, { before, limit: PAGE });
  const rotating = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date();
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={
          <>
            <span className="font-mono">{endpoint.url}</span> ·{" "}
            <Link className="underline" href={`/settings/api-keys/${id}`}>
              {key.name}
            </Link>
          </>
        }
        actions={
          endpoint.status === "disabled" ? (
            <InlineAction action={reenableEndpointAction.bind(null, endpointId)} label="Re-enable" />
          ) : undefined
        }
      />
      <div className="mb-4 flex flex-wrap gap-2">
        {endpoint.status === "active" ? (
          <Badge tone="green">Active</Badge>
        ) : (
          <Badge tone="red">Disabled: {endpoint.disabledReason}</Badge>
        )}
        {endpoint.failingSince && endpoint.status === "active" && (
          <Badge tone="amber">Failing since {when(endpoint.failingSince)}</Badge>
        )}
        {!settings.launched && (
          <Badge tone="amber">Site in staging: deliveries are recorded as held and not sent</Badge>
        )}
        {rotating && (
          <Badge tone="blue">Old secret also signs until {when(endpoint.previousSecretExpiresAt)}</Badge>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Test and secret">
          <EndpointTools
            sendTest={sendTestEventAction.bind(null, endpointId)}
            reveal={revealSecretAction.bind(null, endpointId)}
          />
        </Card>
        <Card title="Rotate signing secret">
          <RotateSecret action={rotateSecretAction.bind(null, endpointId)} />
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Delivery log">
          {deliveries.length === 0 ? (
            <EmptyState title="No deliveries yet">
              Changes this key can see are delivered here as they happen. Use Send test event to check the
              receiver.
            </EmptyState>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-slate-700">
                <tr>
                  <th className="py-1">#</th>
                  <th>Queued</th>
                  <th>Event</th>
                  <th>Status</th>
                  <th>Attempts</th>
                  <th>Last answer</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-t border-slate-200 align-top" data-testid="delivery-row">
                    <td className="py-1">{d.id}</td>
                    <td className="whitespace-nowrap">{when(d.createdAt)}</td>
                    <td className="font-mono text-xs">
                      {d.eventType}
                      {d.replayOf && <span className="block text-slate-600">replay of #{d.replayOf}</span>}
                      <details className="mt-1">
                        <summary className="cursor-pointer text-brand-700">Payload and attempts</summary>
                        <p className="mt-1 text-slate-600">webhook-id {d.messageId}</p>
                        <pre
                          tabIndex={0}
                          aria-label={`Payload of delivery ${d.id}`}
                          className="mt-1 max-h-60 max-w-xl overflow-auto rounded bg-slate-900 p-2 text-slate-100"
                        >
                          {JSON.stringify(JSON.parse(d.payload), null, 2)}
                        </pre>
                        <ol className="mt-1 list-decimal pl-5">
                          {d.attemptLog.map((a) => (
                            <li key={a.id}>
                              {when(a.at)}: {a.status ?? "no answer"} in {a.durationMs} ms
                              {a.error ? ` (${a.error})` : ""}
                            </li>
                          ))}
                        </ol>
                      </details>
                    </td>
                    <td>
                      <StatusCell d={d} />
                    </td>
                    <td>{d.attempts}</td>
                    <td className="max-w-xs text-xs">
                      {d.lastStatus ?? (d.lastError ? "—" : "")}{" "}
                      <span className="break-all text-slate-600">
                        {(d.lastExcerpt ?? d.lastError ?? "").slice(0, 120)}
                      </span>
                    </td>
                    <td>
                      <InlineAction
                        action={replayDeliveryAction.bind(null, endpointId, d.id)}
                        label="Replay"
                        ariaLabel={`Replay delivery ${d.id}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-3 flex gap-4 text-sm">
            {before && (
              <Link className="underline" href={`/settings/api-keys/${id}/webhooks/${endpointId}`}>
                Newest
              </Link>
            )}
            {deliveries.length === PAGE && (
              <Link
                className="underline"
                href={`/settings/api-keys/${id}/webhooks/${endpointId}?before=${deliveries[deliveries.length - 1].id}`}
              >
                Older
              </Link>
            )}
          </p>
        </Card>
      </div>
    </>
  );
}
