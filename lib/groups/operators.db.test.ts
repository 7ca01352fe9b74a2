// Table-driven: every operator of every value kind, decided by the compiled SQL and by the evaluator,
// must give the same (expected) members, on Postgres and PGlite.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { addDays } from "./evaluate";
import * as fx from "./test-fixture";
import type { ConditionContext, GroupDef } from "./types";

let t: TestDb;
let ctx: ConditionContext;
const ids: Record<string, string> = {};
let full = "";
let eventId = "";
const T = fx.TODAY;

beforeAll(async () => {
  t = await createTestDb();
  await fx.insertCustomFields(t.db);
  full = await fx.insertMembershipType(t.db, "Full", 30);
  ids.acme = await fx.insertCompany(t.db, {
    name: "Acme Ltd",
    email: "hq@acme.test",
    membershipTypeId: full,
    expiryDate: addDays(T, 200),
    custom: { sector: "tech" },
  });
  ids.beta = await fx.insertCompany(t.db, { name: "Beta", active: false });
  ids.ada = await fx.insertPerson(t.db, {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@acme.test",
    phone: "+44 1",
    jobTitle: "Engineer",
    companyId: ids.acme,
    membershipTypeId: full,
    joinDate: "2020-01-01",
    expiryDate: addDays(T, 10),
    custom: {
      nickname: "Countess",
      score: 10,
      renewal: addDays(T, 5),
      vip: true,
      region: "north",
      topics: ["a", "b"],
    },
  });
  ids.bob = await fx.insertPerson(t.db, {
    firstName: "Bob",
    lastName: "Smith",
    custom: { score: 3.5, vip: false, renewal: "2025-01-01", topics: [], region: "south" },
  });
  ids.cy = await fx.insertPerson(t.db, {
    firstName: "Cy",
    lastName: "Young_%",
    email: "cy@beta.test",
    companyId: ids.beta,
    membershipTypeId: full,
    joinDate: "2024-03-01",
    expiryDate: addDays(T, -10),
    approvalStatus: "pending_approval",
    custom: { topics: ["c"] },
  });
  ids.dee = await fx.insertPerson(t.db, {
    firstName: "Dee",
    lastName: "Dash",
    membershipTypeId: full,
    expiryDate: addDays(T, -100),
    active: false,
  });
  eventId = await fx.insertEvent(t.db, "Gala");
  await t.db.execute(sql`insert into registrations (event_id, person_id, status) values
    (${eventId}, ${ids.ada}, 'registered'), (${eventId}, ${ids.bob}, 'cancelled')`);
  await t.db.execute(
    sql`insert into users (email, password_hash, person_id) values ('ada@acme.test', 'x', ${ids.ada})`,
  );
  ctx = await fx.contextFor(t.db);
});
afterAll(() => t.close());

const P = ["ada", "bob", "cy", "dee"];
type Row = [field: string, op: string, value: unknown, expected: string[]];
const E = () => eventId;

// Expected members among people (ada, bob, cy, dee) and companies (acme, beta) for a "both" group.
const table: () => Row[] = () => [
  // text
  ["first_name", "eq", "ada", ["ada"]],
  ["first_name", "neq", "ADA", ["bob", "cy", "dee"]],
  ["last_name", "contains", "o", ["ada", "cy"]],
  ["last_name", "not_contains", "o", ["bob", "dee"]],
  ["last_name", "starts_with", "lo", ["ada"]],
  ["last_name", "starts_with", "young_", ["cy"]],
  ["last_name", "starts_with", "you%", []],
  ["last_name", "ends_with", "_%", ["cy"]],
  ["email", "is_empty", undefined, ["bob", "dee"]],
  ["email", "is_not_empty", undefined, ["ada", "cy"]],
  ["phone", "eq", "+44 1", ["ada"]],
  ["job_title", "contains", "engin", ["ada"]],
  ["custom.nickname", "eq", "countess", ["ada"]],
  ["custom.nickname", "is_empty", undefined, ["bob", "cy", "dee"]],
  // number
  ["custom.score", "eq", 10, ["ada"]],
  ["custom.score", "neq", 10, ["bob", "cy", "dee"]],
  ["custom.score", "gt", 3.5, ["ada"]],
  ["custom.score", "gte", 3.5, ["ada", "bob"]],
  ["custom.score", "lt", 10, ["bob"]],
  ["custom.score", "lte", 10, ["ada", "bob"]],
  ["custom.score", "between", [3, 4], ["bob"]],
  ["custom.score", "is_empty", undefined, ["cy", "dee"]],
  ["custom.score", "is_not_empty", undefined, ["ada", "bob"]],
  // date (static and custom; absolute and relative)
  ["join_date", "on", "2020-01-01", ["ada"]],
  ["join_date", "before", "2024-03-01", ["ada"]],
  ["join_date", "after", "2020-01-01", ["cy"]],
  ["join_date", "between", ["2019-01-01", "2024-03-01"], ["ada", "cy"]],
  ["expiry_date", "within_next_days", 30, ["ada"]],
  ["expiry_date", "within_next_days", 9, []],
  ["expiry_date", "within_last_days", 10, ["cy"]],
  ["expiry_date", "more_than_days_ago", 50, ["dee"]],
  ["expiry_date", "more_than_days_ahead", 5, ["ada"]],
  ["expiry_date", "is_empty", undefined, ["bob"]],
  ["expiry_date", "is_not_empty", undefined, ["ada", "cy", "dee"]],
  ["custom.renewal", "within_next_days", 5, ["ada"]],
  ["custom.renewal", "before", "2026-01-01", ["bob"]],
  ["custom.renewal", "is_empty", undefined, ["cy", "dee"]],
  // boolean
  ["active", "is_true", undefined, ["ada", "bob", "cy"]],
  ["active", "is_false", undefined, ["dee"]],
  ["has_user_account", "is_true", undefined, ["ada"]],
  ["has_user_account", "is_false", undefined, ["bob", "cy", "dee"]],
  ["custom.vip", "is_true", undefined, ["ada"]],
  ["custom.vip", "is_false", undefined, ["bob"]],
  // choice
  ["member_status", "in", ["current"], ["ada"]],
  ["member_status", "in", ["grace", "expired"], ["cy", "dee"]],
  ["member_status", "not_in", ["current", "non_member"], ["cy", "dee"]],
  ["member_status", "in", ["non_member"], ["bob"]],
  ["approval_status", "in", ["pending_approval"], ["cy"]],
  ["approval_status", "not_in", ["pending_approval"], ["ada", "bob", "dee"]],
  ["membership_type", "in", ["<full>"], ["ada", "cy", "dee"]],
  ["membership_type", "is_empty", undefined, ["bob"]],
  ["membership_type", "is_not_empty", undefined, ["ada", "cy", "dee"]],
  ["custom.region", "in", ["north"], ["ada"]],
  ["custom.region", "not_in", ["north"], ["bob", "cy", "dee"]],
  ["custom.region", "is_empty", undefined, ["cy", "dee"]],
  ["custom.region", "is_not_empty", undefined, ["ada", "bob"]],
  // multiple choice
  ["custom.topics", "has_any", ["b", "c"], ["ada", "cy"]],
  ["custom.topics", "has_all", ["a", "b"], ["ada"]],
  ["custom.topics", "has_none", ["a"], ["bob", "cy", "dee"]],
  ["custom.topics", "is_empty", undefined, ["bob", "dee"]],
  ["custom.topics", "is_not_empty", undefined, ["ada", "cy"]],
  // events
  ["event", "registered", { eventId: E() }, ["ada", "bob"]],
  ["event", "registered", { eventId: E(), statuses: ["registered", "attended"] }, ["ada"]],
  // company fields: people through their company, companies themselves
  ["company.name", "starts_with", "acme", ["ada", "acme"]],
  ["company.email", "is_empty", undefined, ["cy", "beta"]],
  ["company.active", "is_false", undefined, ["cy", "beta"]],
  ["company.member_status", "in", ["current"], ["ada", "acme"]],
  ["company.member_status", "in", ["non_member"], ["cy", "beta"]],
  ["company.membership_type", "in", ["<full>"], ["ada", "acme"]],
  ["company.expiry_date", "within_next_days", 365, ["ada", "acme"]],
  ["company.join_date", "is_empty", undefined, ["ada", "cy", "acme", "beta"]],
  ["company.custom.sector", "in", ["tech"], ["ada", "acme"]],
];

const group = (conditions: unknown, recordTypes: GroupDef["recordTypes"] = "both"): GroupDef => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "t",
  recordTypes,
  mode: "conditions",
  conditions,
});

async function check(conditions: unknown, expected: string[], types: GroupDef["recordTypes"] = "both") {
  const g = group(conditions, types);
  const want = expected.map((n) => `${P.includes(n) ? "person" : "company"}:${ids[n]}`).sort();
  const records = await fx.loadAllRecords(t.db);
  expect(await fx.sqlMembers(t.db, g, ctx)).toEqual(want);
  expect(fx.evalMembers(records, g, ctx)).toEqual(want);
}

describe("every operator, SQL and evaluator", () => {
  it.each(table().map((r, i) => [i, ...r] as const))("#%i %s %s %j", async (i) => {
    const [field, op, value, expected] = table()[i];
    const v = JSON.parse(JSON.stringify(value ?? null)?.replaceAll("<full>", full) ?? "null");
    await check({ field, op, ...(v === null ? {} : { value: v }) }, expected);
  });

  it("combines all / any / not, and empty nodes", async () => {
    await check(
      { all: [{ field: "active", op: "is_true" }, { not: { field: "first_name", op: "eq", value: "bob" } }] },
      ["ada", "cy"],
    );
    await check(
      {
        any: [
          { field: "first_name", op: "eq", value: "bob" },
          { field: "company.name", op: "eq", value: "beta" },
        ],
      },
      ["bob", "cy", "beta"],
    );
    // Person fields never match companies, even negated: the record simply has no such field.
    await check({ not: { field: "first_name", op: "eq", value: "ada" } }, [
      "bob",
      "cy",
      "dee",
      "acme",
      "beta",
    ]);
    await check({ all: [] }, ["ada", "bob", "cy", "dee", "acme", "beta"]);
    await check({ any: [] }, []);
    await check(null, ["ada", "bob", "cy", "dee"], "people");
    await check(null, ["acme", "beta"], "companies");
  });

  it("fails closed on unknown fields and operators", async () => {
    await check({ not: { field: "shoe_size", op: "eq", value: "9" } }, []);
    await check({ not: { field: "first_name", op: "sounds_like", value: "x" } }, []);
    await check({ field: "custom.score", op: "contains", value: "1" }, []);
    await check({ all: [], extra: 1 }, []);
  });

  it("member of another group, and specific records", async () => {
    const ref = {
      id: "00000000-0000-4000-8000-0000000000aa",
      name: "r",
      recordTypes: "people" as const,
      mode: "conditions" as const,
      conditions: { field: "active", op: "is_true" },
    };
    const spec = {
      id: "00000000-0000-4000-8000-0000000000bb",
      name: "s",
      recordTypes: "both" as const,
      mode: "specific" as const,
      conditions: null,
    };
    await t.db.execute(
      sql`insert into groups (id, name, record_types, mode) values (${spec.id}, 's', 'both', 'specific')`,
    );
    await t.db.execute(
      sql`insert into group_specific_records values (${spec.id}, 'person', ${ids.bob}), (${spec.id}, 'company', ${ids.acme})`,
    );
    const c2: ConditionContext = {
      ...ctx,
      groups: new Map<string, GroupDef>([
        [ref.id, ref],
        [spec.id, spec],
      ]),
      specific: new Map([[spec.id, new Set([`person:${ids.bob}`, `company:${ids.acme}`])]]),
    };
    const records = await fx.loadAllRecords(t.db);
    const cases: [GroupDef, string[]][] = [
      [group({ field: "group", op: "member_of", value: ref.id }), ["ada", "bob", "cy"]],
      [group({ not: { field: "group", op: "member_of", value: ref.id } }), ["dee", "acme", "beta"]],
      [group({ field: "group", op: "member_of", value: spec.id }), ["bob", "acme"]],
      [spec, ["bob", "acme"]],
    ];
    for (const [g, expected] of cases) {
      const want = expected.map((n) => `${P.includes(n) ? "person" : "company"}:${ids[n]}`).sort();
      expect(await fx.sqlMembers(t.db, g, c2)).toEqual(want);
      expect(fx.evalMembers(records, g, c2)).toEqual(want);
    }
  });
});
