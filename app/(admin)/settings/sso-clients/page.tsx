// Staff: the list of SSO clients (partner platforms whose members sign in with Guildhall).
import Link from "next/link";
import { getDb } from "@/db/client";
import { listSsoClients } from "@/db/queries/sso-clients";
import { adminOrNull } from "@/lib/auth/guards";
import { ButtonLink } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { Badge, PageHeader } from "@/components/ui/page-header";

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
      <AdminTable
        rows={clients}
        rowKey={(c) => c.id}
        empty={{
          title: "No SSO clients yet",
          children: "Add one for each partner platform members should sign in to.",
        }}
        columns={[
          {
            header: "Name",
            cell: (c) => (
              <Link className="text-brand-700 underline" href={`/settings/sso-clients/${c.id}`}>
                {c.name}
              </Link>
            ),
          },
          { header: "Client ID", className: "font-mono text-xs", cell: (c) => c.clientId },
          { header: "Redirect URLs", cell: (c) => c.redirectUris.length },
          {
            header: "Access",
            cell: (c) => (
              <>
                {c.permittedGroupIds.length === 0 ? (
                  <Badge>All members</Badge>
                ) : (
                  <Badge tone="blue">{c.permittedGroupIds.length} group(s)</Badge>
                )}
                {c.isPublic && <Badge tone="amber">Public</Badge>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
