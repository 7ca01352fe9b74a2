// Staff: one API key: its settings, data contract preview ("view as this key"), webhook endpoints,
// recent requests and requests per day; Edit, Roll and Delete.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { listRecentRequests, requestsPerDay } from "@/db/queries/api-keys-usage";
import { listWebhookEndpoints } from "@/db/queries/webhooks";
import { requireAdmin } from "@/lib/auth/guards";
import { previewApiKey } from "@/lib/api/preview";
import { accessSummary, groupNames, whatDeleteRevokes } from "@/lib/api-keys/views";
import { RequestsChart } from "@/components/api-keys/requests-chart";
import { RollKey } from "@/components/api-keys/roll-key";
import { ButtonLink } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { deleteApiKeyAction, removeRegisteredEndpointAction, rollApiKeyAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "API key" };

export default async function ApiKeyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const { id } = await params;
  const db = await getDb();
  const key = await getApiKey(db, id);
  if (!key || key.revokedAt) notFound();
  const [preview, endpoints, recent, perDay, names] = await Promise.all([
    previewApiKey(db, key),
    listWebhookEndpoints(db, id),
    listRecentRequests(db, id, 50),
    requestsPerDay(db, id, 14),
    groupNames(db),
  ]);
  return (
    <>
      <PageHeader
        title={key.name}
        description={
          <span className="font-mono">
            {key.displayPrefix}…{key.last4}
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/settings/api-keys/${id}/edit`} variant="secondary">
              Edit
            </ButtonLink>
            <ConfirmButton
              label="Delete"
              title={`Delete the key "${key.name}"?`}
              body={whatDeleteRevokes(key.name, endpoints.length)}
              confirmLabel="Delete key"
              action={deleteApiKeyAction.bind(null, id)}
            />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Data contract preview">
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="inline font-medium">Access: </dt>
              <dd className="inline">{accessSummary(key)}</dd>
            </div>
            <div>
              <dt className="inline font-medium">Group: </dt>
              <dd className="inline">
                {key.limitMemberData && key.groupId ? names.get(key.groupId) : "Every record"}
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">Records this key can see: </dt>
              <dd className="inline" data-testid="preview-count">
                {preview.count}
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">Event data: </dt>
              <dd className="inline">{preview.eventAccess ? "Yes" : "No"}</dd>
            </div>
            <div>
              <dt className="font-medium">Always included</dt>
              <dd className="font-mono text-xs">{preview.alwaysIncluded.join(", ")}</dd>
            </div>
            <div>
              <dt className="font-medium">Chosen fields</dt>
              <dd className="font-mono text-xs" data-testid="preview-fields">
                {preview.chosen.join(", ") || "none"}
              </dd>
            </div>
            <div>
              <dt className="font-medium">Custom fields</dt>
              <dd className="font-mono text-xs">
                {preview.customKeys === null ? "all" : preview.customKeys.join(", ") || "none"}
              </dd>
            </div>
          </dl>
          <h3 className="mt-4 text-sm font-medium">Sample record, exactly as the API returns it</h3>
          {/* Focusable: a long sample scrolls, and keyboard users must be able to scroll it too. */}
          <pre
            data-testid="preview-sample"
            tabIndex={0}
            aria-label="Sample record"
            className="mt-1 max-h-72 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
          >
            {preview.sample ? JSON.stringify(preview.sample, null, 2) : "No record in scope yet."}
          </pre>
          <a
            className="mt-2 inline-block text-sm text-brand-700 underline"
            href={`/settings/api-keys/${id}/schema.json`}
            download
          >
            Download the JSON Schema of this key&apos;s member payload
          </a>
        </Card>
        <Card title="Roll key">
          <RollKey action={rollApiKeyAction.bind(null, id)} />
          {key.previousExpiresAt && key.previousExpiresAt > new Date() && (
            <p className="mt-3">
              <Badge tone="amber">Old key valid until {key.previousExpiresAt.toISOString()}</Badge>
            </p>
          )}
        </Card>
        <Card title="Webhook endpoints">
          {endpoints.length === 0 ? (
            <p className="text-sm text-slate-600">None. Add URLs with Edit.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {endpoints.map((e) => (
                <li key={e.id}>
                  <span className="font-mono text-xs">{e.url}</span>{" "}
                  <Badge tone={e.status === "active" ? "green" : "red"}>
                    {e.status === "active" ? "Active" : `Disabled: ${e.disabledReason ?? ""}`}
                  </Badge>
                  <Link
                    className="ml-2 text-brand-700 underline"
                    href={`/settings/api-keys/${id}/webhooks/${e.id}`}
                  >
                    Delivery log and tools
                  </Link>
                  {e.registeredBy === "api" && (
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <Badge tone="blue">Registered through the API</Badge>
                      <span className="text-slate-700">
                        {e.description || "by the key's own client"} (for example another site&apos;s API
                        feed)
                      </span>
                      <ConfirmButton
                        label="Remove"
                        title="Remove this webhook endpoint?"
                        body="The client that registered it stops receiving webhooks at once. An affiliated site's feed then falls back to its periodic reconciliation, or shows an error."
                        confirmLabel="Remove endpoint"
                        action={removeRegisteredEndpointAction.bind(null, e.id)}
                        variant="secondary"
                      />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Requests per day">
          <RequestsChart days={perDay} />
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Recent requests">
          {recent.length === 0 ? (
            <p className="text-sm text-slate-600">No requests yet.</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-slate-700">
                <tr>
                  <th className="py-1">Time</th>
                  <th>Method</th>
                  <th>Path</th>
                  <th>Status</th>
                  <th>Latency</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id} className="border-t border-slate-200">
                    <td className="py-1">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                    <td>{r.method}</td>
                    <td className="font-mono text-xs">{r.path}</td>
                    <td>{r.status}</td>
                    <td>{r.latencyMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-2 text-xs text-slate-600">
            <Link className="underline" href="/settings/api-keys">
              Back to API keys
            </Link>
          </p>
        </Card>
      </div>
    </>
  );
}
