// Group definitions: validation names the problem and writes nothing, cycles are rejected, specific
// records are exclusive with conditions, deletion is refused while something uses the group, and the
// member reads (ids for a record, membership check, paged search) answer from stored membership.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { catchUpGroups } from "@/lib/changes/group-membership";
import { registerGroupUsage } from "@/lib/groups/usage";
import { getGroup } from "./groups";
import { createGroup, deleteGroup, updateGroup } from "@/lib/groups/definitions";
import { isRecordInGroup, listGroupIdsForRecord, listGroupMembers } from "./group-members";
import { countDraftMembers } from "@/lib/groups/draft-count";
import { createPerson } from "@/lib/records/people";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const groupCount = async () =>
  ((await t.db.execute(sql`select count(*)::int as n from groups`)) as unknown as { n: number }[])[0].n;

describe("group definitions", () => {
  it("refuses unknown fields, operators and values with a message naming them, writing nothing", async () => {
    const before = await groupCount();
    const bad = [
      [{ field: "shoe_size", op: "eq", value: "9" }, /conditions: unknown field "shoe_size"/],
      [
        { all: [{ field: "first_name", op: "sounds_like", value: "x" }] },
        /conditions\.all\.0: operator "sounds_like"/,
      ],
      [{ field: "expiry_date", op: "within_next_days", value: "soon" }, /whole number of days/],
      [{ field: "member_status", op: "in", value: ["gold"] }, /unknown choice gold/],
      [{ fields: "x" }, /conditions/],
    ] as const;
    for (const [conditions, message] of bad)
      await expect(
        createGroup(t.db, { name: "Bad", recordTypes: "people", conditions }, "cli"),
      ).rejects.toThrow(message);
    await expect(createGroup(t.db, { name: " ", recordTypes: "people" }, "cli")).rejects.toThrow(
      /name: Name is required/,
    );
    await expect(
      createGroup(t.db, { name: "X", recordTypes: "everyone" as "people" }, "cli"),
    ).rejects.toThrow(/recordTypes/);
    expect(await groupCount()).toBe(before);
  });

  it("keeps specific records and conditions exclusive", async () => {
    await expect(
      createGroup(
        t.db,
        { name: "Mixed", recordTypes: "people", mode: "specific", conditions: { all: [] } },
        "cli",
      ),
    ).rejects.toThrow(/cannot also have conditions/);
    const p = await createPerson(t.db, { firstName: "Hand", lastName: "Picked" }, "cli");
    const g = await createGroup(
      t.db,
      {
        name: "Picked",
        recordTypes: "both",
        mode: "specific",
        specificRecords: [{ recordType: "person", recordId: p.id }],
      },
      "cli",
    );
    await catchUpGroups(t);
    expect(await isRecordInGroup(t.db, g.id, "person", p.id)).toBe(true);
  });

  it("rejects reference cycles, directly and through other groups", async () => {
    const a = await createGroup(
      t.db,
      { name: "A", recordTypes: "people", conditions: { field: "active", op: "is_true" } },
      "cli",
    );
    const b = await createGroup(
      t.db,
      { name: "B", recordTypes: "people", conditions: { field: "group", op: "member_of", value: a.id } },
      "cli",
    );
    const self = {
      name: "A",
      recordTypes: "people" as const,
      conditions: { field: "group", op: "member_of", value: a.id },
    };
    await expect(updateGroup(t.db, a.id, self, "cli")).rejects.toThrow(/member of itself/);
    const viaB = { ...self, conditions: { not: { field: "group", op: "member_of", value: b.id } } };
    await expect(updateGroup(t.db, a.id, viaB, "cli")).rejects.toThrow(/member of itself/);
    expect((await getGroup(t.db, a.id))!.version).toBe(1);
  });

  it("refuses to delete a group something uses, saying which", async () => {
    const used = await createGroup(t.db, { name: "Used", recordTypes: "people" }, "cli");
    await createGroup(
      t.db,
      {
        name: "User of Used",
        recordTypes: "people",
        conditions: { field: "group", op: "member_of", value: used.id },
      },
      "cli",
    );
    registerGroupUsage("test-sync", async (_db, id) => (id === used.id ? ['sync "Mobilize"'] : []));
    await expect(deleteGroup(t.db, used.id, "cli")).rejects.toThrow(
      /used by group "User of Used", sync "Mobilize"/,
    );
    const free = await createGroup(t.db, { name: "Free", recordTypes: "people" }, "cli");
    await catchUpGroups(t);
    await deleteGroup(t.db, free.id, "cli");
    expect(await getGroup(t.db, free.id)).toBeNull();
    const left = (await t.db.execute(
      sql`select count(*)::int as n from group_membership_changes where group_id = ${free.id} and kind = 'left_group'`,
    )) as unknown as { n: number }[];
    expect(left[0].n).toBeGreaterThan(0);
  });

  it("pages and searches members, and lists a record's groups", async () => {
    for (const n of ["Ann", "Abe", "Amy", "Art", "Ava"])
      await createPerson(t.db, { firstName: n, lastName: "Pager" }, "cli");
    const g = await createGroup(
      t.db,
      { name: "Pagers", recordTypes: "people", conditions: { field: "last_name", op: "eq", value: "pager" } },
      "cli",
    );
    await catchUpGroups(t);
    expect(
      await countDraftMembers(t.db, {
        id: g.id,
        recordTypes: "people",
        mode: "conditions",
        conditions: g.conditions,
      }),
    ).toBe(5);
    const first = await listGroupMembers(t.db, g.id, { limit: 2 });
    const second = await listGroupMembers(t.db, g.id, { limit: 2, after: first.nextCursor! });
    const third = await listGroupMembers(t.db, g.id, { limit: 2, after: second.nextCursor! });
    expect([...first.rows, ...second.rows, ...third.rows].map((r) => r.name)).toEqual([
      "Abe Pager",
      "Amy Pager",
      "Ann Pager",
      "Art Pager",
      "Ava Pager",
    ]);
    expect(third.nextCursor).toBeNull();
    expect((await listGroupMembers(t.db, g.id, { q: "amy" })).rows.map((r) => r.name)).toEqual(["Amy Pager"]);
    await expect(listGroupMembers(t.db, g.id, { after: "garbage" })).rejects.toThrow(/after: not a cursor/);
    expect(await listGroupIdsForRecord(t.db, "person", first.rows[0].id)).toContain(g.id);
  });
});
