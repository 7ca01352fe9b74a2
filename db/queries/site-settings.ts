// The single row of site settings (created with defaults on first read).
import { eq } from "drizzle-orm";
import { env } from "@/lib/core/env";
import type { DbOrTx } from "../client";
import { siteSettings } from "../schema";
import { recordChange, type Actor } from "./changes";
import { snapshotOf } from "./record-writes";

export type SiteSettings = typeof siteSettings.$inferSelect;

export async function getSiteSettings(db: DbOrTx): Promise<SiteSettings> {
  const [row] = await db.select().from(siteSettings).where(eq(siteSettings.id, 1));
  if (row) return row;
  await db.insert(siteSettings).values({ id: 1 }).onConflictDoNothing();
  const [created] = await db.select().from(siteSettings).where(eq(siteSettings.id, 1));
  return created;
}

/** The public URL: the saved setting, else GUILDHALL_SITE_URL, else localhost on the port. */
export function siteUrlOf(settings: Pick<SiteSettings, "siteUrl">): string {
  return (settings.siteUrl || env.GUILDHALL_SITE_URL || `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** Syncs and feeds may run when the site is launched, or on staging when staff allowed it. */
export const syncsAllowed = (s: Pick<SiteSettings, "launched" | "allowSyncsOnStaging">) =>
  s.launched || s.allowSyncsOnStaging;

export async function updateSiteSettings(
  db: DbOrTx,
  patch: Partial<Omit<SiteSettings, "id" | "updatedAt">>,
  actor: Actor,
): Promise<SiteSettings> {
  return db.transaction(async (tx) => {
    const before = await getSiteSettings(tx);
    const [row] = await tx
      .update(siteSettings)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(siteSettings.id, 1))
      .returning();
    await recordChange(tx, {
      recordType: "site_settings",
      recordId: "1",
      op: "updated",
      before: snapshotOf(before),
      after: snapshotOf(row),
      actor,
    });
    return row;
  });
}
