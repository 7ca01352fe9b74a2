// Staff: API keys (Association settings → API keys): who can read membership data through the API.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/queries/api-keys";
import { getApiKey } from "@/db/queries/api-keys";
import { endpointCountsByKey } from "@/db/queries/webhooks";
import { isUuid } from "@/lib/core/ids";
import { newKeyToShow } from "@/lib/api-keys/new-key-flash";
import { NewKeyOnce } from "@/components/api-keys/new-key-once";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { requireAdmin } from "@/lib/auth/guards";
import { accessSummary, groupNames, whatDeleteRevokes } from "@/lib/api-keys/views";
import { ButtonLink } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { deleteApiKeyAction, forgetNewKeyAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "Never");

type Search = { saved?: string; deleted?: string };

/** The notice after Save & Close on an edit, or after a delete (the id says which key; never a secret). */
async function noticeOf(db: Awaited<ReturnType<typeof getDb>>, q: Search): Promise<string | null> {
  const id = q.deleted ?? q.saved;
  if (!id || !isUuid(id)) return null;
  const key = await getApiKey(db, id);
  if (!key) return null;
  if (q.deleted) return key.revokedAt ? `“${key.name}” was deleted: anyone using it has lost access.` : null;
  return key.revokedAt ? null : `“${key.name}” was saved.`;
}

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAdmin();
  const db = await getDb();
  const [keys, names, endpoints, fresh, notice] = await Promise.all([
    listApiKeys(db),
    groupNames(db),
    endpointCountsByKey(db),
    newKeyToShow(),
    searchParams.then((q) => noticeOf(db, q)),
  ]);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for partner associations and apps that read your membership data.{" "}
            <Link className="text-brand-700 underline" href="/api-reference">
              API reference
            </Link>
          </>
        }
        actions={<ButtonLink href="/settings/api-keys/new">Add API key</ButtonLink>}
      />
      <NewKeyOnce fresh={fresh} forget={forgetNewKeyAction} />
      {notice && (
        <p
          role="status"
          className="mb-6 rounded-md border border-green-300 bg-green-50 px-4 py-2 text-green-900"
        >
          {notice}
        </p>
      )}
      <AdminTable
        rows={keys}
        rowKey={(k) => k.id}
        empty={{ title: "No API keys yet", children: "Add one for each partner or app you share data with." }}
        columns={[
          {
            header: "Name",
            cell: (k) => (
              <Link className="text-brand-700 underline" href={`/settings/api-keys/${k.id}`}>
                {k.name}
              </Link>
            ),
          },
          {
            header: "Key",
            className: "font-mono text-xs",
            cell: (k) => (
              <>
                {k.displayPrefix}…{k.last4}
              </>
            ),
          },
          { header: "Access", cell: (k) => accessSummary(k) },
          {
            header: "Group",
            cell: (k) =>
              k.limitMemberData && k.groupId ? (names.get(k.groupId) ?? "(deleted group)") : "Every record",
          },
          {
            header: "Last used",
            cell: (k) => (
              <>
                {when(k.lastUsedAt)}
                {k.lastUsedIp && <span className="block text-xs text-slate-600">from {k.lastUsedIp}</span>}
              </>
            ),
          },
          {
            header: "Status",
            cell: (k) => (
              <>
                {k.previousExpiresAt && k.previousExpiresAt > new Date() ? (
                  <Badge tone="amber">Rolled: old key valid until {when(k.previousExpiresAt)}</Badge>
                ) : (
                  <Badge tone="green">Active</Badge>
                )}
                {!!endpoints.get(k.id)?.disabled && (
                  <span className="mt-1 block">
                    <Badge tone="red">
                      {endpoints.get(k.id)!.disabled === 1
                        ? "A webhook endpoint is disabled"
                        : `${endpoints.get(k.id)!.disabled} webhook endpoints are disabled`}
                    </Badge>
                  </span>
                )}
              </>
            ),
          },
          {
            header: "Actions",
            cell: (k) => (
              <div className="flex gap-2">
                <ButtonLink
                  href={`/settings/api-keys/${k.id}/edit`}
                  variant="secondary"
                  ariaLabel={`Edit ${k.name}`}
                >
                  Edit
                </ButtonLink>
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete ${k.name}`}
                  title={`Delete the key “${k.name}”?`}
                  body={whatDeleteRevokes(k.name, endpoints.get(k.id)?.total ?? 0)}
                  confirmLabel="Delete key"
                  action={deleteApiKeyAction.bind(null, k.id)}
                />
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
