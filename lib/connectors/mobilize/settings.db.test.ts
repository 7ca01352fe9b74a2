// Settings → Integrations → Mobilize: Test connection errors, save only after a passing test, secrets
// encrypted and never shown back, disconnect stops syncs and removes nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntegration, getIntegrationSummary } from "@/db/queries/integrations";
import { getSyncLink, saveSyncLink } from "@/db/queries/sync-links";
import { groups } from "@/db/schema";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { createTestDb, type TestDb } from "@/test/db";
import { disconnectMobilize, saveMobilizeSettings, testMobilizeSettings } from "./settings";

let t: TestDb;
let s: MobilizeStandIn;
const good = () => ({ baseUrl: s.url, apiKey: "live-key-1234", apiSecret: "live-secret" });

beforeAll(async () => {
  t = await createTestDb();
  s = await startMobilizeStandIn({ apiKey: "live-key-1234", apiSecret: "live-secret" });
});
afterAll(async () => {
  await s?.close();
  await t?.close();
});

describe("Mobilize settings", () => {
  it.each([
    ["bad credentials", () => ({ ...good(), apiSecret: "wrong" }), /rejected the API key or secret/],
    ["unreachable", () => ({ ...good(), baseUrl: "http://127.0.0.1:1/v1" }), /could not be reached/],
    [
      "unexpected answer",
      () => ({ ...good(), baseUrl: s.url.replace("/v1", "/elsewhere") }),
      /Unexpected answer/,
    ],
  ])("Test connection explains %s, and Save writes nothing", async (_n, input, message) => {
    expect(await testMobilizeSettings(t.db, input())).toMatchObject({
      ok: false,
      message: expect.stringMatching(message),
    });
    expect(await saveMobilizeSettings(t.db, input())).toMatchObject({ ok: false });
    expect(await getIntegration(t.db, "mobilize")).toBeUndefined();
  });

  it("names the field of invalid input", async () => {
    const r = await testMobilizeSettings(t.db, { ...good(), baseUrl: "not a url" });
    expect(r).toMatchObject({ ok: false, field: "baseUrl" });
    const r2 = await testMobilizeSettings(t.db, { ...good(), companyField: "bad key!" });
    expect(r2).toMatchObject({ ok: false, field: "companyField" });
  });

  it("saves after a passing test, encrypted, showing only a hint", async () => {
    expect(await testMobilizeSettings(t.db, good())).toEqual({ ok: true, message: "Connected to Mobilize." });
    expect((await saveMobilizeSettings(t.db, { ...good(), jobTitleField: "title" })).ok).toBe(true);
    const row = await getIntegration(t.db, "mobilize");
    expect(JSON.stringify(row)).not.toContain("live-secret");
    expect(JSON.stringify(row)).not.toContain("live-key-1234");
    const summary = await getIntegrationSummary(t.db, "mobilize");
    expect(summary).toMatchObject({ apiKeyHint: "1234", options: { jobTitleField: "title" } });
    expect(JSON.stringify(summary)).not.toContain("live-secret");
  });

  it("keeps the stored secret when the form leaves it empty", async () => {
    expect((await testMobilizeSettings(t.db, { baseUrl: s.url, apiKey: "", apiSecret: "" })).ok).toBe(true);
  });

  it("disconnect stops every link and removes nobody remotely", async () => {
    const [g] = await t.db.insert(groups).values({ name: "Linked" }).returning();
    const remote = s.state.createGroup({ name: "R" });
    s.state.addMember(remote.id, s.state.upsertUser({ email: "stay@x.org" }).id);
    const link = await saveSyncLink(t.db, {
      vendor: "mobilize",
      groupId: g.id,
      remoteGroupId: String(remote.id),
      remoteGroupName: "R",
    });
    const before = s.counters().requests;
    await disconnectMobilize(t.db);
    expect(await getIntegration(t.db, "mobilize")).toBeUndefined();
    expect(await getSyncLink(t.db, link.id)).toBeUndefined();
    expect(s.state.members.get(remote.id)!.size).toBe(1);
    expect(s.counters().requests).toBe(before);
  });
});
