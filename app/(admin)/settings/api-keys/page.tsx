// Staff: API keys (Association settings → API keys): who can read membership data through the API.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/queries/api-keys";
import { disabledEndpointCounts } from "@/db/queries/webhooks";
import { requireAdmin } from "@/lib/auth/guards";
import { accessSummary, groupNames } from "@/lib/api-keys/views";
import { ButtonLink } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { Badge, PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "Never");

export default async function ApiKeysPage() {
  await requireAdmin();
  const db = await getDb();
  const [keys, names, disabled] = await Promise.all([
    listApiKeys(db),
    groupNames(db),
    disabledEndpointCounts(db),
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
                {disabled.has(k.id) && (
                  <span className="mt-1 block">
                    <Badge tone="red">
                      {disabled.get(k.id) === 1
                        ? "A webhook endpoint is disabled"
                        : `${disabled.get(k.id)} webhook endpoints are disabled`}
                    </Badge>
                  </span>
                )}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
