import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { membershipTypeInputSchema } from "@/lib/schemas/admin";
import { latestCursor, listChangesAfter, listRecordHistory } from "./changes";
import { createMembershipType, listMembershipTypes, updateMembershipType } from "./membership-types";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("membership types", () => {
  it("creates and updates through the outbox, bumping the version", async () => {
    const mt = await createMembershipType(
      t.db,
      { name: "Individual", appliesTo: "person", graceDays: 30 },
      "cli",
    );
    const updated = await updateMembershipType(t.db, mt.id, { graceDays: 45 }, "user:abc");
    expect(updated.version).toBe(2);
    const history = await listRecordHistory(t.db, "membership_type", mt.id);
    expect(history.map((h) => h.op)).toEqual(["updated", "created"]);
    expect(history[0]).toMatchObject({
      changedFields: ["graceDays"],
      before: { graceDays: 30 },
      after: { graceDays: 45 },
      actor: "user:abc",
    });
  });

  it("filters by what a type applies to", async () => {
    await createMembershipType(t.db, { name: "Corporate", appliesTo: "company", graceDays: 0 }, "cli");
    await createMembershipType(t.db, { name: "Any", appliesTo: "both", graceDays: 0 }, "cli");
    expect((await listMembershipTypes(t.db, "person")).map((m) => m.name)).toEqual(["Any", "Individual"]);
    expect((await listMembershipTypes(t.db, "company")).map((m) => m.name)).toEqual(["Any", "Corporate"]);
  });

  it("refuses a duplicate name as a conflict on the name field, writing nothing", async () => {
    const start = await latestCursor(t.db);
    await expect(
      createMembershipType(t.db, { name: "Corporate", appliesTo: "both", graceDays: 1 }, "cli"),
    ).rejects.toMatchObject({ code: "conflict", details: { fields: [{ field: "name" }] } });
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });

  it("validates input naming the field", () => {
    const r = membershipTypeInputSchema.safeParse({ name: "", appliesTo: "x", graceDays: "-1" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["name", "appliesTo", "graceDays"]);
  });
});
