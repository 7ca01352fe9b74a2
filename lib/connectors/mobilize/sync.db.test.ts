// The sync engine (lib/sync) with the Mobilize connector against its stand-in over real HTTP, on Postgres
// and PGlite.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteSyncLink, getSyncLink } from "@/db/queries/sync-links";
import { groupMembers, people, siteSettings, syncMembers, syncRemoteIds } from "@/db/schema";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { createTestDb, type TestDb } from "@/test/db";
import { saveConnection } from "@/lib/connectors/connections";
import { runSync } from "@/lib/sync/engine";
import { approveRemovals } from "@/lib/sync/guard";
import { seedLinkedGroup, type SeededGroup } from "@/lib/sync/test-support/seed";

let t: TestDb;
let s: MobilizeStandIn;
let seed: SeededGroup;
let linkId: string;
let remoteGroupId: number;
const remoteEmails = () =>
  [...s.state.members.get(remoteGroupId)!.keys()]
    .map((id) => s.state.users.get(id)!.email.toLowerCase())
    .sort();
const statuses = async () =>
  Object.fromEntries(
    (await t.db.select().from(syncMembers).where(eq(syncMembers.linkId, linkId))).map((m) => [m.recordId, m]),
  );

beforeAll(async () => {
  t = await createTestDb();
  s = await startMobilizeStandIn({ apiKey: "key-1", apiSecret: "secret-1" });
  await saveConnection(t.db, { vendor: "mobilize", baseUrl: s.url, apiKey: "key-1", apiSecret: "secret-1" });
  remoteGroupId = s.state.createGroup({ name: "Remote" }).id;
  const handAdded = s.state.upsertUser({ email: "hand@added.org", first_name: "Hand" });
  s.state.addMember(remoteGroupId, handAdded.id);
  ({ seed, linkId } = await seedLinkedGroup(t.db, {
    eligible: 40,
    remoteGroupId,
    remoteGroupName: "Remote",
    launch: false,
  }));
});
afterAll(async () => {
  await s?.close();
  await t?.close();
});

describe("sync engine", () => {
  it("holds the run while the site is on staging, and says so", async () => {
    const r = await runSync(t.db, linkId);
    expect(r.status).toBe("held");
    expect((await getSyncLink(t.db, linkId))?.statusMessage).toMatch(/not launched/);
    expect(s.counters().requests).toBe(0);
    await t.db
      .insert(siteSettings)
      .values({ id: 1, allowSyncsOnStaging: true })
      .onConflictDoUpdate({ target: siteSettings.id, set: { allowSyncsOnStaging: true } });
  });

  it("adds the eligible, removes hand-added members, and records per-member status", async () => {
    const r = await runSync(t.db, linkId);
    expect(r.status).toBe("up_to_date");
    expect(remoteEmails()).toEqual([...seed.eligibleEmails].sort());
    const st = await statuses();
    for (const id of seed.eligibleIds) expect(st[id].state).toBe("up_to_date");
    for (const [reason, id] of Object.entries(seed.notEligible))
      expect(st[id]).toMatchObject({ state: "not_applicable", reason });
    expect(st[seed.notEligible.no_user_account].message).toMatch(/No user account/);
    const link = await getSyncLink(t.db, linkId);
    expect(link).toMatchObject({ status: "up_to_date", progressDone: 41, progressTotal: 41, planId: null });
    expect(link?.lastSyncedAt).toBeInstanceOf(Date);
    const ids = await t.db.select().from(syncRemoteIds);
    expect(ids).toHaveLength(40);
    expect(s.counters()).toMatchObject({ addNoops: 0, removeMisses: 0, removesApplied: 1 });
  });

  it("a second run only reads", async () => {
    const before = { ...s.counters().byRoute };
    await runSync(t.db, linkId);
    const after = s.counters().byRoute;
    const writes = Object.keys(after).filter((k) => !k.startsWith("GET") && after[k] !== before[k]);
    expect(writes).toEqual([]);
  });

  it("sends one update when a synced field changes, and removes people who left the group", async () => {
    await t.db.update(people).set({ jobTitle: "Chair" }).where(eq(people.id, seed.eligibleIds[0]));
    await t.db
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, seed.groupId), eq(groupMembers.recordId, seed.eligibleIds[1])));
    const before = s.counters();
    const updates = before.userUpdates;
    const removes = before.removesApplied;
    await runSync(t.db, linkId);
    expect(s.counters().userUpdates - updates).toBe(1);
    expect(s.counters().removesApplied - removes).toBe(1);
    const remoteUser = [...s.state.users.values()].find((u) => u.email === seed.eligibleEmails[0]);
    expect(remoteUser?.fields.job_title).toBe("Chair");
    expect(remoteEmails()).not.toContain(seed.eligibleEmails[1]);
  });

  it("stores remote_rejected when Mobilize refuses a person", async () => {
    await t.db.update(people).set({ email: "broken@nodot" }).where(eq(people.id, seed.eligibleIds[2]));
    s.state.removeMember(
      remoteGroupId,
      [...s.state.users.values()].find((u) => u.email === seed.eligibleEmails[2])!.id,
    );
    await t.db.delete(syncRemoteIds).where(eq(syncRemoteIds.personId, seed.eligibleIds[2]));
    await runSync(t.db, linkId);
    const st = await statuses();
    expect(st[seed.eligibleIds[2]]).toMatchObject({ state: "error", reason: "remote_rejected" });
    // The status code is kept, never Mobilize's error body ("Invalid email" stays remote).
    expect(st[seed.eligibleIds[2]].message).toMatch(/HTTP 400 Bad Request/);
    expect(st[seed.eligibleIds[2]].message).not.toMatch(/Invalid email/);
  });

  it("pauses a mass removal for confirmation, then applies it once approved", async () => {
    const leaving = seed.eligibleIds.slice(3, 30);
    for (const id of leaving)
      await t.db
        .delete(groupMembers)
        .where(and(eq(groupMembers.groupId, seed.groupId), eq(groupMembers.recordId, id)));
    const removes = s.counters().removesApplied;
    const r = await runSync(t.db, linkId);
    expect(r.status).toBe("awaiting_confirmation");
    const link = await getSyncLink(t.db, linkId);
    expect(link?.pendingRemovals).toHaveLength(27);
    expect(link?.pendingRemovals?.[0]).toMatchObject({
      email: expect.stringContaining("@example.org"),
      name: expect.stringMatching(/First/),
    });
    expect(s.counters().removesApplied).toBe(removes);
    await approveRemovals(t.db, linkId);
    expect((await runSync(t.db, linkId)).status).toBe("up_to_date");
    expect(s.counters().removesApplied - removes).toBe(27);
  });

  it("unlinking removes nobody", async () => {
    const before = remoteEmails();
    expect(await deleteSyncLink(t.db, "mobilize", seed.groupId)).toBe(true);
    expect(remoteEmails()).toEqual(before);
    expect(await t.db.select().from(syncMembers).where(eq(syncMembers.linkId, linkId))).toEqual([]);
  });
});
