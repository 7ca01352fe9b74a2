// Staff: one SSO client: the values to paste into the partner, Test sign-in, secret and deletion.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getSsoClient } from "@/db/queries/sso-clients";
import { adminOrNull } from "@/lib/auth/guards";
import { endpointsOf, issuerOf } from "@/lib/oidc/config";
import { testSignInUrl } from "@/lib/oidc/test-sign-in";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyValue } from "@/components/ui/copy-button";
import { RegenerateSecret } from "@/components/sso/regenerate-secret";
import { deleteSsoClientAction, regenerateSecretAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "SSO client" };

export default async function SsoClientPage({ params }: { params: Promise<{ id: string }> }) {
  // The layout shows "Access denied"; the data read checks again so it can never leak.
  if (!(await adminOrNull("/settings/sso-clients"))) return null;
  const { id } = await params;
  const db = await getDb();
  const client = await getSsoClient(db, id);
  if (!client) notFound();
  const issuer = await issuerOf(db);
  const e = endpointsOf(issuer);
  const graceUntil =
    client.previousSecretExpiresAt && client.previousSecretExpiresAt > new Date()
      ? client.previousSecretExpiresAt
      : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={client.name}
        actions={
          <ButtonLink href={`/settings/sso-clients/${id}/edit`} variant="secondary">
            Edit
          </ButtonLink>
        }
      />
      <Card title="Setup values to paste into the partner">
        <p className="mb-2 text-sm text-slate-600">
          In Mobilize: Directory Document = the issuer (the site address), App ID = client ID, App Secret =
          the secret key shown when the client was saved, OIDC Client Authentication Method = Post Body.
        </p>
        <dl className="divide-y divide-slate-100">
          <CopyValue label="Discovery URL" value={e.discovery} />
          <CopyValue label="Issuer (Directory Document)" value={issuer} />
          <CopyValue label="Client ID" value={client.clientId} />
          <CopyValue label="Authorization endpoint" value={e.authorization} />
          <CopyValue label="Token endpoint" value={e.token} />
          <CopyValue label="Userinfo endpoint" value={e.userinfo} />
          <CopyValue label="Logout endpoint" value={e.endSession} />
          <CopyValue label="JWKS URL" value={e.jwks} />
          <CopyValue label="Client authentication method" value="Post Body (client_secret_post)" />
          <CopyValue label="Scopes" value="openid profile email groups" />
        </dl>
      </Card>
      <Card title="Redirect URLs">
        <ul className="list-inside list-disc text-sm">
          {client.redirectUris.map((u) => (
            <li key={u} className="font-mono">
              {u}
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Test sign-in">
        <p className="mb-3 text-sm text-slate-600">
          Opens the sign-in flow in a new tab. Sign in as the member you want to test with (this replaces your
          staff session in this browser); the result page shows the ID token claims {client.name} would
          receive.
        </p>
        <a
          className={buttonClass("primary")}
          href={testSignInUrl(issuer, client.clientId)}
          target="_blank"
          rel="noopener"
        >
          Test sign-in
        </a>
      </Card>
      <Card title="Secret key">
        <p className="mb-3 text-sm text-slate-600">
          The secret was shown once when it was created. Regenerate it if it was lost or leaked.
          {graceUntil && ` The previous secret keeps working until ${graceUntil.toUTCString()}.`}
        </p>
        <RegenerateSecret action={regenerateSecretAction.bind(null, id)} />
      </Card>
      <Card title="Delete">
        <ConfirmButton
          label="Delete SSO client"
          title={`Delete ${client.name}?`}
          body="Members will no longer be able to sign in to this partner with Guildhall. This cannot be undone."
          confirmLabel="Delete"
          action={deleteSsoClientAction.bind(null, id)}
        />
      </Card>
    </div>
  );
}
