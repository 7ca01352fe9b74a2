"use server";
// Server actions of Settings → Integrations. Each checks the admin again (the layout is not enough).
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/guards";
import {
  disconnectMobilize,
  saveMobilizeSettings,
  testMobilizeSettings,
  type MobilizeSettingsInput,
  type TestOutcome,
} from "@/lib/connectors/mobilize/settings";

export async function testMobilizeAction(input: MobilizeSettingsInput): Promise<TestOutcome> {
  await requireAdmin();
  return testMobilizeSettings(await getDb(), input);
}

export async function saveMobilizeAction(input: MobilizeSettingsInput): Promise<TestOutcome> {
  await requireAdmin();
  const result = await saveMobilizeSettings(await getDb(), input);
  if (result.ok) revalidatePath("/settings/integrations");
  return result;
}

export async function disconnectMobilizeAction(): Promise<string | void> {
  await requireAdmin();
  await disconnectMobilize(await getDb());
  revalidatePath("/settings/integrations");
}
