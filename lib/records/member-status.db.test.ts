import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { createTestDb, type TestDb } from "@/test/db";
import { deriveMemberStatus } from "./member-status";
import { memberStatusFilterSql, memberStatusSql } from "@/db/schema/member-status";
import { memberStatuses } from "@/lib/schemas/member-status";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const today = "2026-06-15";
const cases: [string, string | null, number, string][] = [
  ["no type", null, 30, "non_member"],
  ["lifetime", "", 30, "current"],
  ["expires today", "2026-06-15", 30, "current"],
  ["expired yesterday, 30 days grace", "2026-06-14", 30, "grace"],
  ["grace ends today", "2026-05-16", 30, "grace"],
  ["grace ended yesterday", "2026-05-15", 30, "expired"],
  ["no grace", "2026-06-14", 0, "expired"],
];

/** Runs the SQL expression and the status filter for one record shape. */
async function sqlStatus(hasType: boolean, expiry: string | null, grace: number) {
  const rows = (await t.db.execute(sql`
    with p as (select ${hasType ? sql`gen_random_uuid()` : sql`null::uuid`} as membership_type_id, ${expiry}::date as expiry_date),
         mt as (select ${grace}::int as grace_days)
    select ${memberStatusSql("p", "mt", sql`${today}::date`)} as status,
      ${sql.join(
        memberStatuses.map(
          (s) =>
            sql`coalesce(${memberStatusFilterSql("p", "mt", s, sql`${today}::date`)}, false) as ${sql.identifier(`is_${s}`)}`,
        ),
        sql`, `,
      )}
    from p, mt`)) as unknown as Record<string, unknown>[];
  const row = rows[0];
  const matching = memberStatuses.filter((s) => row[`is_${s}`] === true);
  return { status: row.status as string, matching };
}

describe("member status", () => {
  it.each(cases)("%s", async (_name, expiry, grace, expected) => {
    const hasType = expiry !== null;
    const expiryDate = expiry === "" || expiry === null ? null : expiry;
    expect(
      deriveMemberStatus({ membershipTypeId: hasType ? "t" : null, expiryDate, graceDays: grace, today }),
    ).toBe(expected);
    const fromSql = await sqlStatus(hasType, expiryDate, grace);
    expect(fromSql.status).toBe(expected);
    expect(fromSql.matching).toEqual([expected]);
  });

  it("SQL and the pure rule agree on random records", async () => {
    const day = fc
      .integer({ min: -400, max: 400 })
      .map((d) => new Date(Date.parse(`${today}T00:00:00Z`) + d * 86400000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.option(day, { nil: null }),
        fc.integer({ min: 0, max: 120 }),
        async (hasType, expiry, grace) => {
          const pure = deriveMemberStatus({
            membershipTypeId: hasType ? "t" : null,
            expiryDate: expiry,
            graceDays: grace,
            today,
          });
          const fromSql = await sqlStatus(hasType, expiry, grace);
          expect(fromSql.status).toBe(pure);
          expect(fromSql.matching).toEqual([pure]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
