// My groups on the portal: only the signed-in person's own stored memberships, only groups shown to members,
// and per synced community (any vendor's link) whether they are in it and why not, after a real Mobilize
// sync against the stand-in.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { listRecordHistory } from "@/db/queries/changes";
import { saveSyncLink } from "@/db/queries/sync-links";
import { replaceSyncMembers } from "@/db/queries/sync-members";
import { groupMembers, siteSettings } from "@/db/schema";
import { createUser } from "@/lib/auth/accounts";
import { catchUpGroups } from "@/lib/changes/group-membership";
import { saveConnection } from "@/lib/connectors/connections";
import { createGroup, updateGroup } from "@/lib/groups/definitions";
import { createCompany } from "@/lib/records/companies";
import { createPerson } from "@/lib/records/people";
import { runSync } from "@/lib/sync/engine";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { listMyGroups } from "./my-groups";

let t: TestDb;
let s: MobilizeStandIn;
const ids = {} as Record<"mia" | "noa" | "oto" | "company", string>;
const g = {} as Record<"alpha" | "hidden" | "others" | "unlinked" | "pending" | "viaCompany", string>;
let alphaLink: string;

const person = async (firstName: string, withAccount: boolean, companyId?: string) => {
  const email = `${firstName.toLowerCase()}@my-groups.example`;
  const p = await createPerson(t.db, { firstName, lastName: "Tester", email, companyId }, "cli");
  if (withAccount)
    await createUser(t.db, { email, password: "member-password-123", role: "member", personId: p.id }, "cli");
  return p.id;
};
const group = async (name: string, visibleToMembers: boolean, members: string[], recordType = "person") =>
  (
    await createGroup(
      t.db,
      {
        name,
        description: `About ${name}`,
        recordTypes: recordType === "person" ? "people" : "companies",
        mode: "specific",
        visibleToMembers,
        specificRecords: members.map((recordId) => ({ recordType: recordType as "person", recordId })),
      },
      "cli",
    )
  ).id;

beforeAll(async () => {
  t = await createTestDb();
  s = await startMobilizeStandIn({ apiKey: "key-1", apiSecret: "secret-1" });
  await saveConnection(t.db, { vendor: "mobilize", baseUrl: s.url, apiKey: "key-1", apiSecret: "secret-1" });
  await t.db
    .insert(siteSettings)
    .values({ id: 1, launched: true })
    .onConflictDoUpdate({ target: siteSettings.id, set: { launched: true } });
  ids.company = (await createCompany(t.db, { name: "Widgets Inc" }, "cli")).id;
  ids.mia = await person("Mia", true, ids.company);
  ids.noa = await person("Noa", false);
  ids.oto = await person("Oto", true);
  g.alpha = await group("Alpha circle", true, [ids.mia, ids.noa, ids.oto]);
  g.hidden = await group("Board (confidential)", false, [ids.mia, ids.noa]);
  g.others = await group("Others only", true, [ids.oto]);
  g.unlinked = await group("book club", true, [ids.mia]);
  g.pending = await group("Pending community", true, [ids.mia, ids.noa]);
  g.viaCompany = await group("Member companies", true, [ids.company], "company");
  await catchUpGroups(t);

  const remote = s.state.createGroup({ name: "Alpha Community" }).id;
  alphaLink = (
    await saveSyncLink(t.db, {
      vendor: "mobilize",
      groupId: g.alpha,
      remoteGroupId: String(remote),
      remoteGroupName: "Alpha Community",
    })
  ).id;
  expect((await runSync(t.db, alphaLink)).status).toBe("up_to_date");
  // Linked, never synced: nobody has a status on it yet.
  await saveSyncLink(t.db, {
    vendor: "mobilize",
    groupId: g.pending,
    remoteGroupId: String(s.state.createGroup({ name: "Pending Community" }).id),
    remoteGroupName: "Pending Community",
  });
});
afterAll(async () => {
  await s?.close();
  await t?.close();
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("My groups", () => {
  it("lists only the member's own groups that are visible to members, by name", async () => {
    const mine = await listMyGroups(t.db, ids.mia);
    expect(names(mine)).toEqual(["Alpha circle", "book club", "Pending community"]);
    expect(mine[0]).toMatchObject({ id: g.alpha, description: "About Alpha circle" });
  });

  it("never shows a hidden group, another member's group, or a group the member's company is in", async () => {
    // Membership rows carry no foreign key: a company row with her id must still not count as hers.
    const clash = { groupId: g.viaCompany, recordType: "company" as const, recordId: ids.mia };
    await t.db.insert(groupMembers).values(clash);
    const all = [ids.mia, ids.noa, ids.oto].map((id) => listMyGroups(t.db, id));
    const [mia, noa, oto] = await Promise.all(all);
    for (const rows of [mia, noa, oto]) {
      expect(names(rows)).not.toContain("Board (confidential)");
      expect(names(rows)).not.toContain("Member companies");
    }
    expect(names(mia)).not.toContain("Others only");
    expect(names(noa)).toEqual(["Alpha circle", "Pending community"]);
    expect(names(oto)).toEqual(["Alpha circle", "Others only"]);
    // An id that is nobody's, or not an id at all, sees nothing.
    expect(await listMyGroups(t.db, "00000000-0000-4000-8000-000000000000")).toEqual([]);
    expect(await listMyGroups(t.db, "not-a-uuid")).toEqual([]);
    await t.db
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, g.viaCompany), eq(groupMembers.recordId, ids.mia)));
  });

  it("a group made visible shows up, and hidden again disappears", async () => {
    const before = await listMyGroups(t.db, ids.mia);
    expect(names(before)).not.toContain("Board (confidential)");
    const input = {
      name: "Board (confidential)",
      description: "About Board (confidential)",
      recordTypes: "people" as const,
      mode: "specific" as const,
      specificRecords: [ids.mia, ids.noa].map((recordId) => ({ recordType: "person" as const, recordId })),
    };
    const row = await updateGroup(t.db, g.hidden, { ...input, visibleToMembers: true }, "cli");
    expect(row.visibleToMembers).toBe(true);
    // Saved with the rest of the group, through the outbox.
    const [last] = await listRecordHistory(t.db, "group", g.hidden);
    expect(last).toMatchObject({
      op: "updated",
      changedFields: ["visibleToMembers"],
      before: { visibleToMembers: false },
      after: { visibleToMembers: true },
    });
    expect(names(await listMyGroups(t.db, ids.mia))).toContain("Board (confidential)");
    await updateGroup(t.db, g.hidden, { ...input, visibleToMembers: false }, "cli");
    expect(names(await listMyGroups(t.db, ids.mia))).not.toContain("Board (confidential)");
  });

  it("says per community whether the member is in it and, if not, why not", async () => {
    const [alpha, unlinked, pending] = await listMyGroups(t.db, ids.mia);
    expect(alpha.communities).toEqual([
      {
        vendor: "mobilize",
        platform: "Mobilize",
        community: "Alpha Community",
        status: "in",
        statusLabel: "You are in it",
        explanation: null,
      },
    ]);
    expect(unlinked.communities).toEqual([]);
    expect(pending.communities).toEqual([
      expect.objectContaining({ community: "Pending Community", status: "pending", statusLabel: "Not yet" }),
    ]);
    expect(pending.communities[0].explanation).toMatch(/not been synced to Mobilize since you joined/);

    const [noaAlpha] = await listMyGroups(t.db, ids.noa);
    expect(noaAlpha.communities).toEqual([
      expect.objectContaining({ platform: "Mobilize", status: "out", statusLabel: "You are not in it" }),
    ]);
    expect(noaAlpha.communities[0].explanation).toMatch(/sign-in account/);
  });

  it("shows every vendor's link of the group, each with the member's own status only", async () => {
    // A second connector's link (vendor names are stored as text): the member was rejected there, while
    // another member has no status; the page needs no change to show it.
    const other = await saveSyncLink(t.db, {
      vendor: "higherlogic",
      groupId: g.alpha,
      remoteGroupId: "hl-1",
      remoteGroupName: "Alpha Forum",
    });
    await replaceSyncMembers(t.db, other.id, [
      {
        linkId: other.id,
        recordType: "person",
        recordId: ids.mia,
        state: "not_applicable",
        reason: "remote_rejected",
      },
      { linkId: other.id, recordType: "person", recordId: ids.oto, state: "up_to_date" },
    ]);
    const [alpha] = await listMyGroups(t.db, ids.mia);
    expect(alpha.communities.map((c) => [c.vendor, c.community, c.status])).toEqual([
      ["higherlogic", "Alpha Forum", "out"],
      ["mobilize", "Alpha Community", "in"],
    ]);
    expect(alpha.communities[0].explanation).toMatch(/did not accept you/);
    const [otoAlpha] = await listMyGroups(t.db, ids.oto);
    expect(otoAlpha.communities.map((c) => [c.vendor, c.status])).toEqual([
      ["higherlogic", "in"],
      ["mobilize", "in"],
    ]);
    const [noaAlpha] = await listMyGroups(t.db, ids.noa);
    expect(noaAlpha.communities.map((c) => [c.vendor, c.status])).toEqual([
      ["higherlogic", "pending"],
      ["mobilize", "out"],
    ]);
  });
});
