// The shared parser and Postgres agree: every date the parser accepts, Postgres stores as the same day;
// every YYYY-MM-DD the parser refuses, Postgres refuses too (or it is outside the years we accept).
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { CALENDAR_DATE_PATTERN, instant, isCalendarDate } from "./typed-values";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function postgresDate(s: string): Promise<string | null> {
  try {
    return await t.db.transaction(async (tx) => {
      const [row] = (await tx.execute(sql`select to_char(${s}::date, 'YYYY-MM-DD') as d`)) as unknown as {
        d: string;
      }[];
      return row.d;
    });
  } catch {
    return null;
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

describe("calendar dates", () => {
  it("are exactly the YYYY-MM-DD strings Postgres reads as that day (years 0001–9999)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        async (y, m, d) => {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isCalendarDate(s), s).toBe((await postgresDate(s)) === s);
        },
      ),
      { numRuns: 400 },
    );
    for (const leap of ["2000-02-29", "2024-02-29", "1600-02-29"]) expect(isCalendarDate(leap)).toBe(true);
    for (const not of ["1900-02-29", "2023-02-29", "2026-02-30", "0000-01-01"])
      expect(isCalendarDate(not)).toBe(false);
  });

  it("are matched the same way by the pattern inside SQL", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }), async (junk, date) => {
        for (const s of [junk, date.toISOString().slice(0, 10)]) {
          const [row] = (await t.db.execute(
            sql`select ${s}::text ~ ${CALENDAR_DATE_PATTERN} as ok`,
          )) as unknown as { ok: boolean }[];
          expect(row.ok, s).toBe(isCalendarDate(s));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("instants", () => {
  it("refuse year 0000, impossible days and offsets no time zone has", () => {
    for (const bad of [
      "0000-01-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2026-01-01T00:00:00+23:59",
      "2026-01-01",
    ])
      expect(instant.safeParse(bad).success, bad).toBe(false);
    for (const ok of ["2026-01-01T00:00:00Z", "2026-01-01T00:00:00.123+14:00", "2026-06-30T23:59:59-09:30"])
      expect(instant.safeParse(ok).success, ok).toBe(true);
  });
});
