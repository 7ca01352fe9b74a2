// Settings → Integrations → Mobilize: Test connection errors, save only after a passing test, secrets
// encrypted and never shown back, disconnect stops syncs and removes nobody.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getIntegration, getIntegrationSummary } from "@/db/queries/integrations";
import { env } from "@/lib/core/env";
import { getSyncLink, saveSyncLink } from "@/db/queries/sync-links";
import { groups } from "@/db/schema";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { createTestDb, type TestDb } from "@/test/db";
import { startRecordingServer, type RecordingServer } from "@/test/recording-server";
import { disconnectMobilize, saveMobilizeSettings, testMobilizeSettings } from "./settings";

let t: TestDb;
let s: MobilizeStandIn;
let savedAllow: string | undefined;
/** Another address on 127.0.0.1 (allowed), and one the operator did not allow. */
let other: RecordingServer;
let blocked: RecordingServer;
const good = () => ({ baseUrl: s.url, apiKey: "live-key-1234", apiSecret: "live-secret" });

beforeAll(async () => {
  t = await createTestDb();
  s = await startMobilizeStandIn({ apiKey: "live-key-1234", apiSecret: "live-secret" });
  // Base URLs pass the outbound address guard: the stand-in (and the closed port) are loopback.
  savedAllow = env.GUILDHALL_OUTBOUND_ALLOW;
  other = await startRecordingServer();
  blocked = await startRecordingServer();
  env.GUILDHALL_OUTBOUND_ALLOW = `localhost:${s.port},127.0.0.1:1,127.0.0.1:${other.port}`;
});
afterAll(async () => {
  env.GUILDHALL_OUTBOUND_ALLOW = savedAllow;
  await other?.close();
  await blocked?.close();
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

  it("a changed base URL needs the credentials re-entered: field error, nothing sent, nothing written", async () => {
    const stored = await getIntegration(t.db, "mobilize");
    expect(stored?.baseUrl).toBe(s.url);
    other.requests.length = 0;
    const moved = { baseUrl: `${other.origin}/v1` };
    for (const [input, field] of [
      [{ ...moved, apiKey: "", apiSecret: "" }, "apiKey"],
      [{ ...moved, apiKey: "live-key-1234", apiSecret: "" }, "apiSecret"],
      [{ ...moved, apiKey: "", apiSecret: "live-secret" }, "apiKey"],
    ] as const) {
      for (const run of [testMobilizeSettings, saveMobilizeSettings])
        expect(await run(t.db, input)).toMatchObject({
          ok: false,
          field,
          message: expect.stringMatching(/base URL changed/),
        });
    }
    expect(other.requests).toHaveLength(0);
    expect(await getIntegration(t.db, "mobilize")).toEqual(stored);
    // The same base URL spelled with a trailing slash is not a change.
    expect((await testMobilizeSettings(t.db, { baseUrl: `${s.url}/`, apiKey: "", apiSecret: "" })).ok).toBe(
      true,
    );
  });

  it("checks the base URL with the outbound address guard before sending anything", async () => {
    const stored = await getIntegration(t.db, "mobilize");
    const input = { ...good(), baseUrl: `${blocked.origin}/v1` };
    for (const run of [testMobilizeSettings, saveMobilizeSettings])
      expect(await run(t.db, input)).toMatchObject({
        ok: false,
        field: "baseUrl",
        message: expect.stringMatching(/private, loopback/),
      });
    expect(blocked.requests).toHaveLength(0);
    expect(await getIntegration(t.db, "mobilize")).toEqual(stored);
  });

  it("shows a remote error as its status, never the remote body", async () => {
    other.reply = () => ({ status: 500, body: '{"error_message":"REMOTE-DETAIL at /srv/app.py line 3"}' });
    try {
      const r = await testMobilizeSettings(t.db, { ...good(), baseUrl: `${other.origin}/v1` });
      expect(r).toEqual({
        ok: false,
        message: "Unexpected answer from Mobilize: HTTP 500 Internal Server Error",
      });
    } finally {
      other.reply = () => ({ status: 200, body: "[]" });
    }
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
