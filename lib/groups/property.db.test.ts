// Property: for random records and random condition trees, the compiled SQL selects exactly the
// records the evaluator accepts (on Postgres and PGlite).
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { addDays } from "./evaluate";
import * as fx from "./test-fixture";
import type { Condition, GroupDef } from "./types";

let t: TestDb;
let types: string[] = [];
let events: string[] = [];

beforeAll(async () => {
  t = await createTestDb();
  await fx.insertCustomFields(t.db);
  types = [await fx.insertMembershipType(t.db, "Full", 30), await fx.insertMembershipType(t.db, "Lapsed", 0)];
  events = [await fx.insertEvent(t.db, "One"), await fx.insertEvent(t.db, "Two")];
});
afterAll(() => t.close());

const text = fc.constantFrom(null, "", "a", "ab", "Ab", "b%", "x_y", "ba");
const date = fc.option(
  fc.integer({ min: -60, max: 60 }).map((n) => addDays(fx.TODAY, n * 7)),
  { nil: null },
);
const num = fc.option(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(1.5, -2.25)), { nil: null });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const personCustom = fc.record(
  {
    nickname: maybe(fc.oneof(text, fc.constant(3))),
    score: maybe(fc.oneof(num, fc.constant("2"))),
    renewal: maybe(date),
    vip: maybe(fc.oneof(fc.boolean(), fc.constant("true"))),
    region: maybe(fc.constantFrom("north", "south", null)),
    topics: maybe(fc.oneof(fc.subarray(["a", "b", "c"]), fc.constant("a"))),
  },
  { requiredKeys: [] },
);
const company = fc.record({
  name: fc.constantFrom("Acme", "acme corp", "Beta", "b%"),
  email: text,
  active: fc.boolean(),
  type: fc.integer({ min: -1, max: 1 }),
  joinDate: date,
  expiryDate: date,
  custom: fc.record({ sector: maybe(fc.constantFrom("tech", "arts")) }, { requiredKeys: [] }),
});
const person = fc.record({
  firstName: fc.constantFrom("Ada", "ab", "Bob", "x_y"),
  lastName: fc.constantFrom("", "Lovelace", "a", "b%"),
  email: text,
  phone: text,
  jobTitle: text,
  company: fc.integer({ min: -1, max: 2 }),
  approvalStatus: fc.constantFrom("approved", "pending_approval", "rejected"),
  active: fc.boolean(),
  type: fc.integer({ min: -1, max: 1 }),
  joinDate: date,
  expiryDate: date,
  custom: personCustom,
  user: fc.boolean(),
  regs: fc.array(
    fc.record({
      event: fc.integer({ min: 0, max: 1 }),
      status: fc.constantFrom("registered", "waitlisted", "cancelled", "attended"),
    }),
    { maxLength: 2 },
  ),
});
const world = fc.record({
  companies: fc.array(company, { minLength: 3, maxLength: 3 }),
  people: fc.array(person, { minLength: 1, maxLength: 12 }),
});

const textFields = [
  "first_name",
  "last_name",
  "email",
  "phone",
  "job_title",
  "custom.nickname",
  "company.name",
  "company.email",
];
const dateFields = ["join_date", "expiry_date", "custom.renewal", "company.join_date", "company.expiry_date"];
const s = fc.constantFrom("a", "ab", "b%", "x_y", "A");
const isoDate = fc.integer({ min: -60, max: 60 }).map((n) => addDays(fx.TODAY, n * 7));
const days = fc.constantFrom(0, 7, 30, 100);
const pair = <T>(a: fc.Arbitrary<T>) => fc.tuple(a, a).map(([x, y]) => (x <= y ? [x, y] : [y, x]));

const leaf: fc.Arbitrary<Condition> = fc
  .oneof(
    fc.record({
      field: fc.constantFrom(...textFields),
      op: fc.constantFrom("eq", "neq", "contains", "not_contains", "starts_with", "ends_with"),
      value: s,
    }),
    fc.record({ field: fc.constantFrom(...textFields), op: fc.constantFrom("is_empty", "is_not_empty") }),
    fc.oneof(
      fc.record({
        field: fc.constant("custom.score"),
        op: fc.constantFrom("eq", "neq", "gt", "gte", "lt", "lte"),
        value: fc.constantFrom(-1, 0, 1.5, 2),
      }),
      fc.record({
        field: fc.constant("custom.score"),
        op: fc.constant("between"),
        value: pair(fc.constantFrom(-2.25, 0, 1, 3)),
      }),
      fc.record({ field: fc.constant("custom.score"), op: fc.constantFrom("is_empty", "is_not_empty") }),
    ),
    fc.oneof(
      fc.record({
        field: fc.constantFrom(...dateFields),
        op: fc.constantFrom("on", "before", "after"),
        value: isoDate,
      }),
      fc.record({ field: fc.constantFrom(...dateFields), op: fc.constant("between"), value: pair(isoDate) }),
      fc.record({
        field: fc.constantFrom(...dateFields),
        op: fc.constantFrom(
          "within_next_days",
          "within_last_days",
          "more_than_days_ago",
          "more_than_days_ahead",
        ),
        value: days,
      }),
      fc.record({ field: fc.constantFrom(...dateFields), op: fc.constantFrom("is_empty", "is_not_empty") }),
    ),
    fc.record({
      field: fc.constantFrom("active", "has_user_account", "custom.vip", "company.active"),
      op: fc.constantFrom("is_true", "is_false"),
    }),
    fc.record({
      field: fc.constantFrom("member_status", "company.member_status"),
      op: fc.constantFrom("in", "not_in"),
      value: fc.subarray(["current", "grace", "non_member", "expired"], { minLength: 1 }),
    }),
    fc.record({
      field: fc.constantFrom("membership_type", "company.membership_type"),
      op: fc.constantFrom("in", "not_in", "is_empty", "is_not_empty"),
      value: fc.constant("<types>"),
    }),
    fc.record({
      field: fc.constant("approval_status"),
      op: fc.constantFrom("in", "not_in"),
      value: fc.subarray(["approved", "pending_approval", "rejected"], { minLength: 1 }),
    }),
    fc.record({
      field: fc.constantFrom("custom.region", "company.custom.sector"),
      op: fc.constantFrom("in", "not_in", "is_empty", "is_not_empty"),
      value: fc.constant("<choices>"),
    }),
    fc.record({
      field: fc.constant("custom.topics"),
      op: fc.constantFrom("has_any", "has_all", "has_none", "is_empty", "is_not_empty"),
      value: fc.subarray(["a", "b", "c"], { minLength: 1 }),
    }),
    fc.record({
      field: fc.constant("event"),
      op: fc.constant("registered"),
      value: fc.record(
        {
          event: fc.integer({ min: 0, max: 1 }),
          statuses: maybe(
            fc.subarray(["registered", "waitlisted", "cancelled", "attended"], { minLength: 1 }),
          ),
        },
        { requiredKeys: ["event"] },
      ),
    }),
  )
  .map((l) => l as Condition);

const tree = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;

/** Replaces generator placeholders with real ids and values fitting each field. */
function concrete(c: Condition): Condition {
  if ("all" in c) return { all: c.all.map(concrete) };
  if ("any" in c) return { any: c.any.map(concrete) };
  if ("not" in c) return { not: concrete(c.not) };
  const l = { ...c } as { field: string; op: string; value?: unknown };
  const noValue = ["is_empty", "is_not_empty", "is_true", "is_false"].includes(l.op);
  if (noValue) delete l.value;
  else if (l.value === "<types>") l.value = [types[0]];
  else if (l.value === "<choices>")
    l.value = l.field.includes("sector") ? ["tech"] : ["north", "south"].slice(0, 1 + (l.op.length % 2));
  else if (l.field === "event") {
    const v = l.value as { event: number; statuses?: string[] };
    l.value = { eventId: events[v.event], ...(v.statuses ? { statuses: v.statuses } : {}) };
  }
  return l;
}

async function load(w: typeof world extends fc.Arbitrary<infer W> ? W : never) {
  await t.db.execute(
    sql`delete from registrations; delete from users; delete from people; delete from companies`,
  );
  const cids: string[] = [];
  for (const c of w.companies)
    cids.push(
      await fx.insertCompany(t.db, {
        ...c,
        membershipTypeId: c.type >= 0 ? types[c.type] : null,
        custom: stripUndefined(c.custom),
      }),
    );
  let i = 0;
  for (const p of w.people) {
    const id = await fx.insertPerson(t.db, {
      ...p,
      email: p.email === null ? null : `${p.email}${i++}@x.test`,
      companyId: p.company >= 0 ? cids[p.company] : null,
      membershipTypeId: p.type >= 0 ? types[p.type] : null,
      custom: stripUndefined(p.custom),
    });
    if (p.user)
      await t.db.execute(
        sql`insert into users (email, password_hash, person_id) values (${`u${id}@x.test`}, 'x', ${id})`,
      );
    const seen = new Set<number>();
    for (const r of p.regs) {
      if (seen.has(r.event)) continue;
      seen.add(r.event);
      await t.db.execute(
        sql`insert into registrations (event_id, person_id, status) values (${events[r.event]}, ${id}, ${r.status})`,
      );
    }
  }
}
const stripUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("compiled SQL equals the evaluator", () => {
  it("on random records and random trees", async () => {
    await fc.assert(
      fc.asyncProperty(
        world,
        fc.array(fc.tuple(tree, fc.constantFrom("people", "companies", "both")), {
          minLength: 8,
          maxLength: 8,
        }),
        async (w, trees) => {
          await load(w);
          const ctx = await fx.contextFor(t.db);
          const records = await fx.loadAllRecords(t.db);
          for (const [raw, recordTypes] of trees) {
            const g: GroupDef = {
              id: "00000000-0000-4000-8000-000000000001",
              name: "p",
              recordTypes: recordTypes as GroupDef["recordTypes"],
              mode: "conditions",
              conditions: concrete(raw),
            };
            expect(await fx.sqlMembers(t.db, g, ctx), JSON.stringify(g.conditions)).toEqual(
              fx.evalMembers(records, g, ctx),
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 400_000);
});
