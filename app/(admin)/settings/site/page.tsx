// Site settings: name, URL, launched or staging, and the safety switches.
import { getDb } from "@/db/client";
import { getSiteSettings } from "@/db/queries/site-settings";
import { Card, PageHeader } from "@/components/ui/page-header";
import { HistoryList } from "@/components/records/history-list";
import { SiteSettingsForm } from "@/components/records/site-settings-form";
import { loadHistory } from "@/lib/records/history";
import { isStaff } from "@/lib/records/page-guard";
import { saveSiteSettingsAction } from "./actions";

export const metadata = { title: "Site settings" };

export default async function SiteSettingsPage() {
  if (!(await isStaff("/settings/site"))) return null;
  const db = await getDb();
  const [settings, history] = await Promise.all([getSiteSettings(db), loadHistory(db, "site_settings", "1")]);
  return (
    <>
      <PageHeader title="Site settings" />
      <div className="space-y-6">
        <Card>
          <SiteSettingsForm action={saveSiteSettingsAction} values={settings} />
        </Card>
        <HistoryList entries={history} />
      </div>
    </>
  );
}
