// Staff: Settings → Integrations → Mobilize (API key + secret, base URL, field mapping, Test connection).
import { getDb } from "@/db/client";
import { getIntegrationSummary } from "@/db/queries/integrations";
import { listSyncLinks } from "@/db/queries/sync-links";
import { adminOrNull } from "@/lib/auth/guards";
import { mobilizeSettingsDefaults as defaults } from "@/lib/connectors/mobilize/vendor";
import { MobilizeSettingsForm } from "@/components/sync/mobilize-settings-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { disconnectMobilizeAction, saveMobilizeAction, testMobilizeAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  if (!(await adminOrNull("/settings/integrations"))) return null;
  const db = await getDb();
  const summary = await getIntegrationSummary(db, "mobilize");
  const links = summary ? await listSyncLinks(db, "mobilize") : [];
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connections to community platforms that Guildhall keeps in sync."
      />
      <Card title="Mobilize">
        <p className="mb-4 text-sm text-slate-700">
          {summary ? (
            <>
              <Badge tone="green">Connected</Badge> API key ending in{" "}
              <span className="font-mono">{summary.apiKeyHint}</span>, tested{" "}
              {summary.testedAt.toISOString().slice(0, 16).replace("T", " ")} UTC. {links.length} linked
              group(s).
            </>
          ) : (
            <>
              Not connected. Enter the API key and secret from Mobilize → Community settings → Integrations.
            </>
          )}
        </p>
        <MobilizeSettingsForm
          connected={Boolean(summary)}
          initial={{
            ...(Object.fromEntries(
              Object.keys(defaults).map((k) => [
                k,
                String(summary?.options[k] ?? defaults[k as keyof typeof defaults]),
              ]),
            ) as Record<keyof typeof defaults, string>),
            baseUrl: summary?.baseUrl ?? defaults.baseUrl,
          }}
          test={testMobilizeAction}
          save={saveMobilizeAction}
        />
        {summary && (
          <div className="mt-6 border-t border-slate-200 pt-4">
            <ConfirmButton
              label="Disconnect Mobilize"
              title="Disconnect Mobilize?"
              body={
                <>
                  All {links.length} Mobilize sync(s) stop and the stored key and secret are deleted. Nobody
                  is removed from Mobilize.
                </>
              }
              confirmLabel="Disconnect"
              action={disconnectMobilizeAction}
            />
          </div>
        )}
      </Card>
    </>
  );
}
