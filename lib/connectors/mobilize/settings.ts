// Settings → Integrations → Mobilize, typed for its form: the registry's settings flow
// (lib/connectors/settings.ts) with Mobilize's input.
import type { Db } from "@/db/client";
import { disconnect, saveSettings, testSettings, type TestOutcome } from "../settings";
import type { MobilizeSettingsInput } from "./vendor";

export type { MobilizeSettingsInput, TestOutcome };

export const testMobilizeSettings = (db: Db, input: MobilizeSettingsInput): Promise<TestOutcome> =>
  testSettings(db, "mobilize", input);

/** Saves only when the connection test passes with exactly these values. */
export const saveMobilizeSettings = (db: Db, input: MobilizeSettingsInput): Promise<TestOutcome> =>
  saveSettings(db, "mobilize", input);

export const disconnectMobilize = (db: Db) => disconnect(db, "mobilize");
