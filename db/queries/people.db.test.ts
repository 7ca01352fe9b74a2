import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { AppError } from "@/lib/core/errors";
import { customFields, membershipTypes } from "../schema";
import { latestCursor, listChangesAfter, listRecordHistory } from "./changes";
import { createCompany } from "@/lib/records/companies";
import { countPeople, getPerson, listPeople } from "./people";
import { setPersonActive } from "@/lib/records/people";
import { createPerson, decidePendingSignup, updatePerson } from "@/lib/records/people";

let t: TestDb;
let typeId: string;
beforeAll(async () => {
  t = await createTestDb();
  await t.db.insert(customFields).values({
    entity: "person",
    key: "chapter",
    label: "Chapter",
    type: "single_choice",
    choices: ["North", "South"],
  });
  [{ id: typeId }] = await t.db
    .insert(membershipTypes)
    .values({ name: "Full", graceDays: 30 })
    .returning({ id: membershipTypes.id });
});
afterAll(() => t.close());

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected an error");
};

describe("people writes", () => {
  it("creates a person and its outbox row together", async () => {
    const start = await latestCursor(t.db);
    const p = await createPerson(
      t.db,
      { firstName: "Ada", lastName: "Lovelace", email: "ada@example.org", custom: { chapter: "North" } },
      "cli",
    );
    const [change] = await listChangesAfter(t.db, start);
    expect(change).toMatchObject({ recordType: "person", recordId: p.id, op: "created", actor: "cli" });
    expect(change.after).toMatchObject({ firstName: "Ada", custom: { chapter: "North" } });
  });

  it("refuses a bad custom value, naming the field, and writes nothing", async () => {
    const start = await latestCursor(t.db);
    const before = await countPeople(t.db, {});
    const err = await errorOf(
      createPerson(t.db, { firstName: "Bad", lastName: "Value", custom: { chapter: "East" } }, "cli"),
    );
    expect(err.code).toBe("invalid_input");
    expect(err.details?.fields).toEqual([
      { field: "custom.chapter", message: "Chapter: expected one of: North, South" },
    ]);
    const err2 = await errorOf(
      createPerson(t.db, { firstName: "Bad", lastName: "Key", custom: { nope: "x" } }, "cli"),
    );
    expect(err2.details?.fields?.[0].field).toBe("custom.nope");
    expect(await countPeople(t.db, {})).toBe(before);
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });

  it("refuses a duplicate email with a conflict naming the field", async () => {
    const err = await errorOf(
      createPerson(
        t.db,
        { firstName: "Ada", lastName: "Again", email: "ADA@example.org".toLowerCase() },
        "cli",
      ),
    );
    expect(err.code).toBe("conflict");
    expect(err.details?.fields).toEqual([{ field: "email", message: "Already in use" }]);
  });

  it("updates with a version check and records before and after", async () => {
    const p = await createPerson(t.db, { firstName: "Grace", lastName: "Hopper" }, "cli");
    const updated = await updatePerson(t.db, p.id, { jobTitle: "Rear Admiral" }, "user:x", {
      expectedVersion: 1,
    });
    expect(updated.version).toBe(2);
    const stale = await errorOf(
      updatePerson(t.db, p.id, { jobTitle: "Captain" }, "user:x", { expectedVersion: 1 }),
    );
    expect(stale.code).toBe("precondition_failed");
    expect((await getPerson(t.db, p.id))?.jobTitle).toBe("Rear Admiral");
    const [last] = await listRecordHistory(t.db, "person", p.id);
    expect(last).toMatchObject({
      op: "updated",
      changedFields: ["jobTitle"],
      before: { jobTitle: null },
      after: { jobTitle: "Rear Admiral" },
      actor: "user:x",
    });
    // A no-op update writes no history.
    await updatePerson(t.db, p.id, { jobTitle: "Rear Admiral" }, "user:x");
    expect(await listRecordHistory(t.db, "person", p.id)).toHaveLength(2);
  });

  it("deactivates and reactivates with their own ops", async () => {
    const p = await createPerson(t.db, { firstName: "Alan", lastName: "Turing" }, "cli");
    await setPersonActive(t.db, p.id, false, "cli");
    await setPersonActive(t.db, p.id, true, "cli");
    expect((await listRecordHistory(t.db, "person", p.id)).map((c) => c.op)).toEqual([
      "reactivated",
      "deactivated",
      "created",
    ]);
  });

  it("approves or rejects a pending company link", async () => {
    const c = await createCompany(
      t.db,
      { name: "Acme", emailDomains: ["acme.org"], signupProtected: true },
      "cli",
    );
    const p = await createPerson(
      t.db,
      { firstName: "Pat", lastName: "Pending", email: "pat@gmail.com" },
      "self-signup",
      {
        approvalStatus: "pending_approval",
        requestedCompanyId: c.id,
      },
    );
    const approved = await decidePendingSignup(t.db, p.id, "approve", "user:staff");
    expect(approved).toMatchObject({ approvalStatus: "approved", companyId: c.id, requestedCompanyId: null });
    expect((await errorOf(decidePendingSignup(t.db, p.id, "reject", "user:staff"))).code).toBe("conflict");
  });
});

describe("people list", () => {
  beforeAll(async () => {
    const names = ["Smith", "Smithers", "Smythe", "Jones", "Smith"];
    for (const [i, last] of names.entries()) {
      await createPerson(
        t.db,
        {
          firstName: `F${i}`,
          lastName: last,
          membershipTypeId: i % 2 ? typeId : null,
          expiryDate: i === 3 ? "2000-01-01" : null,
        },
        "cli",
      );
    }
  });

  it("searches by prefix, case-insensitively, across names and email", async () => {
    const { rows } = await listPeople(t.db, { q: "SMITH" });
    expect(rows.map((r) => r.lastName)).toEqual(["Smith", "Smith", "Smithers"]);
    expect((await listPeople(t.db, { q: "ada@" })).rows.map((r) => r.firstName)).toEqual(["Ada"]);
    expect(
      (await listPeople(t.db, { q: "f1 smith" })).rows.map((r) => `${r.firstName} ${r.lastName}`),
    ).toEqual(["F1 Smithers"]);
    expect((await listPeople(t.db, { q: "%" })).rows).toEqual([]);
  });

  it("filters by derived member status and pages by cursor without gaps or repeats", async () => {
    const current = await listPeople(t.db, { status: "current" });
    expect(current.rows.every((r) => r.memberStatus === "current")).toBe(true);
    expect((await listPeople(t.db, { status: "expired" })).rows.map((r) => r.lastName)).toEqual(["Jones"]);
    const all = await listPeople(t.db, { limit: 200 });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listPeople(t.db, { limit: 3, after });
      seen.push(...page.rows.map((r) => r.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(await countPeople(t.db, {})).toBe(all.rows.length);
  });

  it("rejects a forged cursor with a message saying what to pass", async () => {
    const err = await errorOf(listPeople(t.db, { after: "not-a-cursor" }));
    expect(err.code).toBe("invalid_input");
    expect(err.message).toContain("next_cursor");
    const forged = Buffer.from(JSON.stringify(["a", "b", "not-a-uuid"])).toString("base64url");
    expect((await errorOf(listPeople(t.db, { after: forged }))).code).toBe("invalid_input");
    const badTime = Buffer.from(
      JSON.stringify(["yesterday", "", "00000000-0000-4000-8000-000000000000"]),
    ).toString("base64url");
    expect((await errorOf(listPeople(t.db, { after: badTime, sort: "updated" }))).code).toBe("invalid_input");
  });
});
