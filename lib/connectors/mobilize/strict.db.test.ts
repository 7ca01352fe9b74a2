// The sync engine against a stricter Mobilize stand-in (issue 15 §8): no bulk route (405) and pages capped
// at 100, with the connector's default settings (bulk path on, asking for more than 100 per page).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers } from "@/db/schema";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { createTestDb, type TestDb } from "@/test/db";
import { connectorFor, saveConnection } from "@/lib/connectors/connections";
import { runSync } from "@/lib/sync/engine";
import { seedLinkedGroup, type SeededGroup } from "@/lib/sync/test-support/seed";

let t: TestDb;
let s: MobilizeStandIn;
let seed: SeededGroup;
let linkId: string;
let remoteGroupId: number;
const remoteEmails = () =>
  [...s.state.members.get(remoteGroupId)!.keys()].map((id) => s.state.users.get(id)!.email.toLowerCase());
const writes = (before: Record<string, number>) => {
  const after = s.counters().byRoute;
  return Object.keys(after).filter((k) => !k.startsWith("GET") && after[k] !== (before[k] ?? 0));
};

beforeAll(async () => {
  t = await createTestDb();
  s = await startMobilizeStandIn({ apiKey: "k", apiSecret: "s", strict: true });
  await saveConnection(t.db, { vendor: "mobilize", baseUrl: s.url, apiKey: "k", apiSecret: "s" });
  remoteGroupId = s.state.createGroup({ name: "Strict" }).id;
  ({ seed, linkId } = await seedLinkedGroup(t.db, {
    eligible: 260,
    prefix: "strict",
    remoteGroupId,
    remoteGroupName: "Strict",
  }));
});
afterAll(async () => {
  await s?.close();
  await t?.close();
});

describe("against a strict Mobilize (no bulk route, pages of at most 100)", () => {
  it("adds 260 members one by one after the bulk path answers 405", async () => {
    expect((await runSync(t.db, linkId, { retryDelayMs: 10 })).status).toBe("up_to_date");
    expect(remoteEmails().sort()).toEqual([...seed.eligibleEmails].sort());
    expect(s.counters().byRoute["POST /v1/groups/:id/members/bulk"]).toBe(1);
    expect(s.counters()).toMatchObject({ addsApplied: 260, addNoops: 0 });
  });

  it("a second sync reads every page and writes nothing", async () => {
    const before = { ...s.counters().byRoute };
    expect((await runSync(t.db, linkId)).status).toBe("up_to_date");
    expect(writes(before)).toEqual([]);
    expect(s.counters().addNoops).toBe(0);
  });

  it("removes members past the first page, and later adds skip the bulk path", async () => {
    const strays = [0, 1, 2].map((i) => s.state.upsertUser({ email: `stray${i}@elsewhere.org` }));
    for (const u of strays) s.state.addMember(remoteGroupId, u.id);
    for (const id of seed.eligibleIds.slice(150, 153))
      await t.db
        .delete(groupMembers)
        .where(and(eq(groupMembers.groupId, seed.groupId), eq(groupMembers.recordId, id)));
    const removes = s.counters().removesApplied;
    expect((await runSync(t.db, linkId)).status).toBe("up_to_date");
    expect(s.counters().removesApplied - removes).toBe(6);
    expect(s.counters().removeMisses).toBe(0);
    const now = remoteEmails();
    for (const e of [...seed.eligibleEmails.slice(150, 153), "stray0@elsewhere.org"])
      expect(now).not.toContain(e);
    expect(now).toHaveLength(257);
    expect((await connectorFor(t.db, "mobilize"))?.maxBatch).toBe(1);
    expect(s.counters().byRoute["POST /v1/groups/:id/members/bulk"]).toBe(1);
  });

  it("lists groups in full pages however small the server's pages are", async () => {
    for (let i = 0; i < 150; i++) s.state.createGroup({ name: `G${i}` });
    const c = (await connectorFor(t.db, "mobilize"))!;
    const first = await c.listGroups({ limit: 120, offset: 0 });
    expect(first).toMatchObject({ hasMore: true });
    expect(first.items).toHaveLength(120);
    const rest = await c.listGroups({ limit: 120, offset: 120 });
    expect(rest.items).toHaveLength(s.state.groups.size - 120);
    expect(rest.hasMore).toBe(false);
  });
});
