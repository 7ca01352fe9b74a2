import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { latestCursor, listChangesAfter, listRecordHistory, recordChange, diffSnapshots } from "./changes";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("change outbox", () => {
  it("diffs only changed fields", () => {
    expect(diffSnapshots({ a: 1, b: "x", updatedAt: 1 }, { a: 2, b: "x", updatedAt: 2 })).toEqual({
      changed: ["a"],
      before: { a: 1 },
      after: { a: 2 },
    });
  });

  it("appends in increasing cursor order and skips no-op updates", async () => {
    const start = await latestCursor(t.db);
    const c1 = await t.db.transaction((tx) =>
      recordChange(tx, {
        recordType: "person",
        recordId: "p1",
        op: "created",
        before: null,
        after: { firstName: "Ada" },
        actor: "cli",
      }),
    );
    const none = await t.db.transaction((tx) =>
      recordChange(tx, {
        recordType: "person",
        recordId: "p1",
        op: "updated",
        before: { firstName: "Ada" },
        after: { firstName: "Ada" },
        actor: "cli",
      }),
    );
    const c2 = await t.db.transaction((tx) =>
      recordChange(tx, {
        recordType: "person",
        recordId: "p1",
        op: "updated",
        before: { firstName: "Ada" },
        after: { firstName: "Ida" },
        actor: "cli",
      }),
    );
    expect(none).toBeNull();
    expect(c2!).toBeGreaterThan(c1!);
    const after = await listChangesAfter(t.db, start);
    expect(after.map((c) => c.op)).toEqual(["created", "updated"]);
    const history = await listRecordHistory(t.db, "person", "p1");
    expect(history[0]).toMatchObject({
      op: "updated",
      changedFields: ["firstName"],
      before: { firstName: "Ada" },
      after: { firstName: "Ida" },
    });
  });

  it("loses nothing when the transaction rolls back", async () => {
    const start = await latestCursor(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await recordChange(tx, {
          recordType: "company",
          recordId: "c1",
          op: "created",
          before: null,
          after: { name: "X" },
          actor: "cli",
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });
});
