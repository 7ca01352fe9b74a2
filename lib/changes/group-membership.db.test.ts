// Membership follows the change outbox: record edits, accounts, registrations, company edits, condition
// edits (a thousand leave at once), references between groups, the daily time-based pass, crash safety.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { createGroup, updateGroup } from "@/lib/groups/definitions";
import { isRecordInGroup, listGroupIdsForRecord } from "@/db/queries/group-members";
import { createPerson, updatePerson } from "@/lib/records/people";
import { createCompany, updateCompany } from "@/lib/records/companies";
import { createUser } from "@/lib/auth/accounts";
import { registerPerson } from "@/lib/records/registrations";
import { runFollowerOnce, startFollower } from "./engine";
import { catchUpGroups, groupFollower, reevaluateTimeBasedGroups } from "./group-membership";
import { addDays } from "@/lib/groups/evaluate";
import { todayIso } from "@/lib/groups/context";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const log = async (groupId: string) =>
  (await t.db.execute(
    sql`select kind, record_id::text as id, cause_cursor as cause from group_membership_changes where group_id = ${groupId} order by cursor`,
  )) as unknown as { kind: string; id: string; cause: string | null }[];

describe("group follower", () => {
  it("moves an edited person into one group and out of another, logging both with the cause", async () => {
    const a = await createGroup(
      t.db,
      {
        name: "A names",
        recordTypes: "people",
        conditions: { field: "first_name", op: "starts_with", value: "a" },
      },
      "cli",
    );
    const b = await createGroup(
      t.db,
      {
        name: "Old titles",
        recordTypes: "people",
        conditions: { field: "job_title", op: "eq", value: "old" },
      },
      "cli",
    );
    const p = await createPerson(t.db, { firstName: "Bob", lastName: "B", jobTitle: "old" }, "cli");
    await catchUpGroups(t);
    expect(await listGroupIdsForRecord(t.db, "person", p.id)).toEqual([b.id]);
    await updatePerson(t.db, p.id, { firstName: "Alice", jobTitle: "new" }, "cli");
    const [{ cursor }] = (await t.db.execute(
      sql`select max(cursor)::int as cursor from changes`,
    )) as unknown as { cursor: number }[];
    await catchUpGroups(t);
    expect(await isRecordInGroup(t.db, a.id, "person", p.id)).toBe(true);
    expect(await isRecordInGroup(t.db, b.id, "person", p.id)).toBe(false);
    expect((await log(a.id)).map((r) => [r.kind, Number(r.cause)])).toEqual([["entered_group", cursor]]);
    expect((await log(b.id)).map((r) => r.kind)).toEqual(["entered_group", "left_group"]);
  });

  it("applies a condition edit as one set difference: a thousand people leave", async () => {
    await t.db.execute(sql`insert into people (first_name, last_name, job_title)
      select 'P' || i, 'Bulk', 'member' from generate_series(1, 1000) i`);
    const g = await createGroup(
      t.db,
      { name: "Bulk", recordTypes: "people", conditions: { field: "last_name", op: "eq", value: "bulk" } },
      "cli",
    );
    await catchUpGroups(t);
    const count = async () =>
      (
        (await t.db.execute(
          sql`select count(*)::int as n from group_members where group_id = ${g.id}`,
        )) as unknown as { n: number }[]
      )[0].n;
    expect(await count()).toBe(1000);
    await updateGroup(
      t.db,
      g.id,
      { name: "Bulk", recordTypes: "people", conditions: { field: "last_name", op: "eq", value: "nobody" } },
      "cli",
    );
    await catchUpGroups(t);
    expect(await count()).toBe(0);
    const kinds = (await log(g.id)).map((r) => r.kind);
    expect(kinds.filter((k) => k === "left_group")).toHaveLength(1000);
  });

  it("follows accounts, registrations, company edits and groups that reference groups", async () => {
    const acme = await createCompany(t.db, { name: "Acme" }, "cli");
    const p = await createPerson(t.db, { firstName: "Cy", lastName: "C", companyId: acme.id }, "cli");
    const acct = await createGroup(
      t.db,
      {
        name: "Has account",
        recordTypes: "people",
        conditions: { field: "has_user_account", op: "is_true" },
      },
      "cli",
    );
    const co = await createGroup(
      t.db,
      {
        name: "Zeta staff",
        recordTypes: "both",
        conditions: { field: "company.name", op: "eq", value: "zeta" },
      },
      "cli",
    );
    const ref = await createGroup(
      t.db,
      {
        name: "Zeta staff with accounts",
        recordTypes: "people",
        conditions: {
          all: [
            { field: "group", op: "member_of", value: co.id },
            { field: "group", op: "member_of", value: acct.id },
          ],
        },
      },
      "cli",
    );
    await catchUpGroups(t);
    expect(await listGroupIdsForRecord(t.db, "person", p.id)).toEqual([]);
    const [ev] = (await t.db.execute(
      sql`insert into events (name, starts_at) values ('Gala', now()) returning id`,
    )) as unknown as { id: string }[];
    const gala = await createGroup(
      t.db,
      {
        name: "Gala",
        recordTypes: "people",
        conditions: { field: "event", op: "registered", value: { eventId: ev.id, statuses: ["registered"] } },
      },
      "cli",
    );
    await registerPerson(t.db, { eventId: ev.id, personId: p.id }, "cli");
    await createUser(
      t.db,
      { email: "cy@x.test", password: "correct horse battery", role: "member", personId: p.id },
      "cli",
    );
    await updateCompany(t.db, acme.id, { name: "Zeta" }, "cli");
    await catchUpGroups(t);
    expect(new Set(await listGroupIdsForRecord(t.db, "person", p.id))).toEqual(
      new Set([acct.id, co.id, ref.id, gala.id]),
    );
    expect(await isRecordInGroup(t.db, co.id, "company", acme.id)).toBe(true);
    // Editing a referenced group moves members of the groups that reference it.
    await updateGroup(
      t.db,
      co.id,
      {
        name: "Zeta staff",
        recordTypes: "both",
        conditions: { field: "company.name", op: "eq", value: "omega" },
      },
      "cli",
    );
    await catchUpGroups(t);
    expect(new Set(await listGroupIdsForRecord(t.db, "person", p.id))).toEqual(new Set([acct.id, gala.id]));
  });

  it("re-evaluates time-based groups daily without edits", async () => {
    const p = await createPerson(
      t.db,
      { firstName: "Dee", lastName: "D", expiryDate: addDays(todayIso(), 40) },
      "cli",
    );
    const g = await createGroup(
      t.db,
      {
        name: "Expiring",
        recordTypes: "people",
        conditions: { field: "expiry_date", op: "within_next_days", value: 30 },
      },
      "cli",
    );
    await catchUpGroups(t);
    expect(await isRecordInGroup(t.db, g.id, "person", p.id)).toBe(false);
    const r = await reevaluateTimeBasedGroups(t.db, addDays(todayIso(), 15));
    expect(r.entered).toBeGreaterThanOrEqual(1);
    expect(await isRecordInGroup(t.db, g.id, "person", p.id)).toBe(true);
  });

  it("is woken in-process by a write, not by the (hour-long) safety poll", async () => {
    const g = await createGroup(
      t.db,
      { name: "Evas", recordTypes: "people", conditions: { field: "first_name", op: "eq", value: "eva" } },
      "cli",
    );
    const running = await startFollower(t, groupFollower, { pollMs: 3_600_000 });
    try {
      await running.idle();
      const p = await createPerson(t.db, { firstName: "Eva", lastName: "E" }, "cli");
      for (let i = 0; i < 100 && !(await isRecordInGroup(t.db, g.id, "person", p.id)); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(await isRecordInGroup(t.db, g.id, "person", p.id)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it("re-processes a failed batch in full: the cursor only moves with the effects", async () => {
    // The person exists first, so the follower (not the write) moves her in when the group is created.
    const p = await createPerson(t.db, { firstName: "Fay", lastName: "F" }, "cli");
    await catchUpGroups(t);
    const g = await createGroup(
      t.db,
      { name: "Fays", recordTypes: "people", conditions: { field: "first_name", op: "eq", value: "fay" } },
      "cli",
    );
    const failing = {
      ...groupFollower,
      apply: async (
        tx: Parameters<typeof groupFollower.apply>[0],
        b: Parameters<typeof groupFollower.apply>[1],
      ) => {
        await groupFollower.apply(tx, b);
        throw new Error("crash after applying");
      },
    };
    await expect(runFollowerOnce(t, failing)).rejects.toThrow("crash");
    expect(await isRecordInGroup(t.db, g.id, "person", p.id)).toBe(false);
    await runFollowerOnce(t, groupFollower);
    expect(await isRecordInGroup(t.db, g.id, "person", p.id)).toBe(true);
    expect((await log(g.id)).map((r) => r.kind)).toEqual(["entered_group"]);
  });
});
