// Families of bad input across every /api/v1 verb, generated: each answer is a 4xx (never a 500), a 400
// names the offending field or parameter, and nothing is written (the change log does not grow). The same
// families go through the shared person schema and write service that the staff forms, the portal and the
// CLI use.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { call, closeTestHandle, seedKey, seedPerson, useTestHandle } from "@/test/api-harness";
import { createCustomField } from "@/db/queries/custom-fields";
import { customFieldInputSchema } from "@/lib/schemas/admin";
import { personInputSchema } from "@/lib/schemas/records";
import { createPerson, updatePerson } from "@/lib/records/people";
import { AppError } from "@/lib/core/errors";
import { isCalendarDate } from "@/lib/schemas/typed-values";

let t: TestDb;
let key = "";
let personId = "";
let eventId = "";
let sent = 0;

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  for (const [k, type] of [
    ["renewal", "date"],
    ["score", "number"],
    ["note", "text"],
  ] as const)
    await createCustomField(
      t.db,
      customFieldInputSchema.parse({ entity: "person", key: k, label: k, type }),
      "cli",
    );
  personId = (await seedPerson(t)).id;
  const [e] = (await t.db.execute(sql`insert into events (name, starts_at, status)
    values ('Fuzz', now(), 'published') returning id::text as id`)) as unknown as { id: string }[];
  eventId = e.id;
  key = (await seedKey(t, { name: "fuzz", rateLimitPerSecond: 10_000, rateLimitPerMinute: 100_000 })).secret;
});
afterAll(() => {
  console.info(`[fuzz] ${sent} bad inputs sent`);
  return closeTestHandle(t);
});

const writes = async () =>
  Number(
    ((await t.db.execute(sql`select count(*)::text as n from changes`)) as unknown as { n: string }[])[0].n,
  );

// Values that are wrong for the field they are sent in, by family.
const nul = fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`);
const impossibleDate = fc
  .oneof(
    fc.constantFrom(
      "2026-02-30",
      "2023-02-29",
      "2026-04-31",
      "0000-01-01",
      "2026-13-01",
      "2026-00-10",
      "99999-01-01",
    ),
    fc
      .tuple(
        fc.integer({ min: 0, max: 99999 }),
        fc.integer({ min: 13, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${m}-${String(d).padStart(2, "0")}`),
    fc.string({ maxLength: 12 }),
  )
  .filter((s) => s !== "" && !isCalendarDate(s)); // "" clears a field: not bad
const badInstant = fc.oneof(
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "2026-01-01T00:00:00+23:59",
    "2026-01-01T00:00:00-15:00",
    "2026-02-30T00:00:00Z",
    "yesterday",
    "2026-01-01",
  ),
  nul,
);
const unknownId = fc.uuid();
const notAnId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
  nul,
  fc.constantFrom("1", "null", "../x"),
);
const hugeNumber = fc.oneof(fc.constantFrom(1e16, -1e300, 1e308), fc.double({ min: 1e16, noNaN: true }));
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), fc.object());

type Bad = { line: string; body?: unknown; field: string };
const personBodies: fc.Arbitrary<{ body: Record<string, unknown>; field: string }> = fc.oneof(
  nul.map((v) => ({ body: { first_name: v, last_name: "X" }, field: "first_name" })),
  nul.map((v) => ({ body: { first_name: "X", last_name: v }, field: "last_name" })),
  nul.map((v) => ({ body: { first_name: "X", last_name: "Y", custom: { note: v } }, field: "custom.note" })),
  impossibleDate.map((v) => ({
    body: { first_name: "X", last_name: "Y", join_date: v },
    field: "join_date",
  })),
  impossibleDate.map((v) => ({
    body: { first_name: "X", last_name: "Y", expiry_date: v },
    field: "expiry_date",
  })),
  impossibleDate.map((v) => ({
    body: { first_name: "X", last_name: "Y", custom: { renewal: v } },
    field: "custom.renewal",
  })),
  hugeNumber.map((v) => ({
    body: { first_name: "X", last_name: "Y", custom: { score: v } },
    field: "custom.score",
  })),
  unknownId.map((v) => ({ body: { first_name: "X", last_name: "Y", company_id: v }, field: "company_id" })),
  unknownId.map((v) => ({
    body: { first_name: "X", last_name: "Y", membership_type_id: v },
    field: "membership_type_id",
  })),
  wrongType.map((v) => ({ body: { first_name: v, last_name: "Y" }, field: "first_name" })),
);

const badRequests: fc.Arbitrary<Bad> = fc.oneof(
  nul.map((v) => ({ line: `GET /api/v1/members?q=${encodeURIComponent(v)}`, field: "q" })),
  badInstant.map((v) => ({
    line: `GET /api/v1/members?updated_since=${encodeURIComponent(v)}`,
    field: "updated_since",
  })),
  notAnId.map((v) => ({ line: `GET /api/v1/members?cursor=${encodeURIComponent(v)}`, field: "cursor" })),
  fc.oneof(fc.constantFrom("0", "-1", "1e9", "x", "5001"), nul).map((v) => ({
    line: `GET /api/v1/members?limit=${encodeURIComponent(v)}`,
    field: "limit",
  })),
  notAnId.map((v) => ({ line: `GET /api/v1/events?cursor=${encodeURIComponent(v)}`, field: "cursor" })),
  notAnId.map((v) => ({
    line: `GET /api/v1/events/{event}/registrations?cursor=${encodeURIComponent(v)}`,
    field: "cursor",
  })),
  notAnId.map((v) => ({ line: `GET /api/v1/changes?cursor=${encodeURIComponent(v)}`, field: "cursor" })),
  nul.map((v) => ({ line: `GET /api/v1/custom-fields?type=${encodeURIComponent(v)}`, field: "type" })),
  personBodies.map(({ body, field }) => ({ line: "POST /api/v1/people", body, field })),
  personBodies.map(({ body, field }) => {
    const { first_name: _f, last_name: _l, ...patch } = body;
    const sendsName = field === "first_name" || field === "last_name";
    return { line: "PATCH /api/v1/people/{person}", body: sendsName ? body : patch, field };
  }),
);

describe("bad input across every /api/v1 verb", () => {
  it("is a 4xx naming the field, never a 500, and writes nothing", async () => {
    const before = await writes();
    await fc.assert(
      fc.asyncProperty(badRequests, async (bad) => {
        sent++;
        const line = bad.line.replace("{person}", personId).replace("{event}", eventId);
        const res = await call(line, { key, body: bad.body });
        expect(res.status, `${line} ${JSON.stringify(bad.body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${line} ${JSON.stringify(bad.body)}`).toBeLessThan(500);
        if (res.status === 400) {
          const named = JSON.stringify(res.body.error);
          expect(named, line).toContain(bad.field.split(".")[0]);
        }
      }),
      { numRuns: 600 },
    );
    expect(await writes()).toBe(before);
  });

  it("an unknown path id is a 404 or 400 on every by-id verb", async () => {
    const before = await writes();
    await fc.assert(
      fc.asyncProperty(fc.oneof(unknownId, notAnId), async (id) => {
        sent += 3;
        const enc = encodeURIComponent(id);
        for (const line of [
          `GET /api/v1/members/${enc}`,
          `GET /api/v1/events/${enc}`,
          `PATCH /api/v1/people/${enc}`,
        ]) {
          const res = await call(line, {
            key,
            body: line.startsWith("PATCH") ? { job_title: "x" } : undefined,
          });
          expect([400, 404], `${line}`).toContain(res.status);
        }
      }),
      { numRuns: 100 },
    );
    expect(await writes()).toBe(before);
  });
});

describe("the same families through the staff, portal and CLI path (schema + write service)", () => {
  it("refuses with a field error and writes nothing", async () => {
    const before = await writes();
    const appName: Record<string, string> = {
      first_name: "firstName",
      last_name: "lastName",
      join_date: "joinDate",
      expiry_date: "expiryDate",
      company_id: "companyId",
      membership_type_id: "membershipTypeId",
    };
    await fc.assert(
      fc.asyncProperty(personBodies, async ({ body, field }) => {
        sent += 2;
        const raw = Object.fromEntries(Object.entries(body).map(([k, v]) => [appName[k] ?? k, v]));
        const expected = appName[field] ?? field;
        for (const write of [
          async () => {
            const parsed = personInputSchema.safeParse(raw);
            if (!parsed.success) return parsed.error.issues.map((i) => i.path.join("."));
            await createPerson(t.db, parsed.data, "cli");
            return [];
          },
          async () => {
            const parsed = personInputSchema.partial().safeParse(raw);
            if (!parsed.success) return parsed.error.issues.map((i) => i.path.join("."));
            await updatePerson(t.db, personId, parsed.data, "cli");
            return [];
          },
        ]) {
          let fields: string[];
          try {
            fields = await write();
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            fields = ((e as AppError).details?.fields ?? []).map((f) => f.field);
          }
          expect(fields.join(","), JSON.stringify(raw)).toContain(expected.split(".")[0]);
        }
      }),
      { numRuns: 200 },
    );
    expect(await writes()).toBe(before);
  });
});
