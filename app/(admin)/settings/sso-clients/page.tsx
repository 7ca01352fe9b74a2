// Staff: the list of SSO clients (partner platforms whose members sign in with Guildhall).
import Link from "next/link";
import { getDb } from "@/db/client";
import { listSsoClients } from "@/db/queries/sso-clients";
import { adminOrNull } from "@/lib/auth/guards";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";
export const metadata = { title: "SSO clients" };

export default async function SsoClientsPage() {
  // The layout shows "Access denied"; the data read checks again so it can never leak.
  if (!(await adminOrNull("/settings/sso-clients"))) return null;
  const clients = await listSsoClients(await getDb());
  return (
    <>
      <PageHeader
        title="SSO clients"
        description="Partner platforms (Mobilize, Higher Logic, …) where members sign in with their Guildhall login."
        actions={<ButtonLink href="/settings/sso-clients/new">Add SSO client</ButtonLink>}
      />
      {clients.length === 0 ? (
        <EmptyState title="No SSO clients yet">
          Add one for each partner platform members should sign in to.
        </EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Client ID</th>
              <th className="px-4 py-2">Redirect URLs</th>
              <th className="px-4 py-2">Access</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.id} className="border-t border-slate-200">
                <td className="px-4 py-2">
                  <Link className="text-brand-700 underline" href={`/settings/sso-clients/${c.id}`}>
                    {c.name}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono text-xs">{c.clientId}</td>
                <td className="px-4 py-2">{c.redirectUris.length}</td>
                <td className="px-4 py-2">
                  {c.permittedGroupIds.length === 0 ? (
                    <Badge>All members</Badge>
                  ) : (
                    <Badge tone="blue">{c.permittedGroupIds.length} group(s)</Badge>
                  )}
                  {c.isPublic && <Badge tone="amber">Public</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
