// Staff: API keys (Association settings → API keys): who can read membership data through the API.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/queries/api-keys";
import { disabledEndpointCounts } from "@/db/queries/webhooks";
import { requireAdmin } from "@/lib/auth/guards";
import { accessSummary, groupNames } from "@/lib/api-keys/views";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";

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
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">Add one for each partner or app you share data with.</EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Key</th>
              <th className="px-4 py-2">Access</th>
              <th className="px-4 py-2">Group</th>
              <th className="px-4 py-2">Last used</th>
              <th className="px-4 py-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-t border-slate-200">
                <td className="px-4 py-2">
                  <Link className="text-brand-700 underline" href={`/settings/api-keys/${k.id}`}>
                    {k.name}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono text-xs">
                  {k.displayPrefix}…{k.last4}
                </td>
                <td className="px-4 py-2">{accessSummary(k)}</td>
                <td className="px-4 py-2">
                  {k.limitMemberData && k.groupId
                    ? (names.get(k.groupId) ?? "(deleted group)")
                    : "Every record"}
                </td>
                <td className="px-4 py-2">
                  {when(k.lastUsedAt)}
                  {k.lastUsedIp && <span className="block text-xs text-slate-600">from {k.lastUsedIp}</span>}
                </td>
                <td className="px-4 py-2">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
