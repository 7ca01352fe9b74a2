import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { createdDiff, diffSnapshots, latestCursor, listChangesAfter, recordChanges } from "./changes";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("bulk outbox writes", () => {
  it("computes the same diff for a created record as diffSnapshots", () => {
    const samples = [
      {
        id: "1",
        firstName: "Ada",
        email: null,
        custom: {},
        tags: [],
        active: false,
        n: 0,
        version: 1,
        updatedAt: "x",
      },
      { id: "2", socialLinks: { linkedin: "https://x" }, expiryDate: undefined, createdAt: "y", bio: "" },
    ];
    for (const s of samples) expect(createdDiff(s)).toEqual(diffSnapshots(null, s));
  });

  it("appends many rows in order in one statement, skipping no-op updates", async () => {
    const start = await latestCursor(t.db);
    const n = await t.db.transaction((tx) =>
      recordChanges(tx, [
        ...Array.from({ length: 3 }, (_, i) => ({
          recordType: "person" as const,
          recordId: `p${i}`,
          op: "created" as const,
          before: null,
          after: { id: `p${i}`, firstName: `N${i}` },
          actor: "cli" as const,
        })),
        {
          recordType: "person",
          recordId: "p0",
          op: "updated",
          before: { a: 1 },
          after: { a: 1 },
          actor: "cli",
        },
      ]),
    );
    expect(n).toBe(3);
    const rows = await listChangesAfter(t.db, start);
    expect(rows.map((r) => r.recordId)).toEqual(["p0", "p1", "p2"]);
    expect(rows[1]).toMatchObject({
      op: "created",
      changedFields: ["firstName", "id"],
      after: { id: "p1", firstName: "N1" },
    });
    expect(rows[2].cursor).toBeGreaterThan(rows[1].cursor);
  });

  it("writes nothing when the transaction rolls back", async () => {
    const start = await latestCursor(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await recordChanges(tx, [
          {
            recordType: "company",
            recordId: "c1",
            op: "created",
            before: null,
            after: { name: "X" },
            actor: "cli",
          },
        ]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });
});
