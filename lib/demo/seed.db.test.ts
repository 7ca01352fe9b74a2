import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/test/db";
import { seedDemo, type SeedCounts } from "./seed";

let a: TestDb;
let b: TestDb;
let countsA: SeedCounts;
const opts = { people: 300, seed: 42, today: "2026-06-15", memberPassword: "demo-member-pw", batchSize: 120 };

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  countsA = await seedDemo(a.db, opts);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const rows = (t: TestDb, q: ReturnType<typeof sql>) =>
  t.db.execute(q) as unknown as Promise<Record<string, unknown>[]>;
const snapshot = (t: TestDb) =>
  rows(
    t,
    sql`select p.id, p.first_name, p.last_name, p.email, p.job_title, p.expiry_date::text, p.custom, p.approval_status,
          c.name as company, mt.name as type, u.id is not null as has_account
        from people p left join companies c on c.id = p.company_id left join membership_types mt on mt.id = p.membership_type_id
        left join users u on u.person_id = p.id order by p.email`,
  );

describe("demo seeder", () => {
  it("writes the counts it reports, with a realistic mix", async () => {
    expect(countsA).toMatchObject({
      people: 300,
      companies: 15,
      membershipTypes: 5,
      customFields: 8,
      pendingSignups: 2,
    });
    expect(countsA.users).toBeGreaterThanOrEqual(10);
    expect(countsA.registrations).toBeGreaterThan(0);
    const [c] = await rows(
      a,
      sql`select (select count(*) from people)::int as people, (select count(*) from users)::int as users,
        (select count(*) from registrations)::int as registrations, (select count(*) from events)::int as events,
        (select count(*) from companies where signup_protected)::int as protected,
        (select count(distinct case when membership_type_id is null then 'n' when expiry_date >= '2026-06-15' or expiry_date is null then 'c' else 'e' end) from people)::int as kinds`,
    );
    expect(c).toMatchObject({
      people: 300,
      users: countsA.users,
      registrations: countsA.registrations,
      events: countsA.events,
    });
    expect(c.protected).toBeGreaterThan(0);
    expect(c.kinds).toBe(3);
    const pending = await rows(
      a,
      sql`select p.requested_company_id, c.signup_protected from people p join companies c on c.id = p.requested_company_id where p.approval_status = 'pending_approval'`,
    );
    expect(pending).toHaveLength(2);
    expect(pending.every((p) => p.signup_protected === true)).toBe(true);
  });

  it("writes one created outbox row per seeded record", async () => {
    const byType = await rows(
      a,
      sql`select record_type, count(*)::int as n from changes where op = 'created' and actor = 'cli' group by record_type`,
    );
    const n = Object.fromEntries(byType.map((r) => [r.record_type, r.n]));
    expect(n).toEqual({
      membership_type: 5,
      custom_field: 8,
      company: countsA.companies,
      person: 300,
      user: countsA.users,
      event: countsA.events,
      registration: countsA.registrations,
    });
    expect(countsA.changes).toBe(Object.values(n).reduce((s: number, v) => s + Number(v), 0));
    const [user] = await rows(a, sql`select after from changes where record_type = 'user' limit 1`);
    expect(user.after).toMatchObject({ role: "member", personId: expect.any(String) });
    expect(JSON.stringify(user.after)).not.toContain("passwordHash");
  });

  it("is deterministic for a given seed", async () => {
    const countsB = await seedDemo(b.db, opts);
    expect({ ...countsB }).toEqual({ ...countsA });
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it("gives different people for another seed, reusing the existing types and fields", async () => {
    const more = await seedDemo(b.db, { ...opts, seed: 43, people: 50 });
    expect(more).toMatchObject({ membershipTypes: 0, customFields: 0, people: 50 });
    const [r] = await rows(b, sql`select count(*)::int as n from people`);
    expect(r.n).toBe(350);
  });

  it("refuses to seed the same seed twice, writing nothing", async () => {
    const [before] = await rows(a, sql`select count(*)::int as n from changes`);
    await expect(seedDemo(a.db, { ...opts, people: 10 })).rejects.toMatchObject({ code: "conflict" });
    const [after] = await rows(a, sql`select count(*)::int as n from people`);
    expect(after.n).toBe(300);
    const [changes] = await rows(a, sql`select count(*)::int as n from changes`);
    expect(changes.n).toBe(before.n);
  });
});
