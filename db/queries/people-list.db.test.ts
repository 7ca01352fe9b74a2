// The people list's search shapes (last-name branches walked in order, first-name/email matches collected)
// checked against a plain reference: same rows, same order, pages without gaps or repeats; capped counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { membershipTypes } from "../schema";
import { countPeople, countPeopleUpTo, listPeople, type PeopleListFilter } from "./people-list";
import { setPersonActive } from "@/lib/records/people";
import { createPerson } from "@/lib/records/people";

let t: TestDb;
type Made = {
  id: string;
  first: string;
  last: string;
  email: string | null;
  current: boolean;
  active: boolean;
};
const made: Made[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const [{ id: typeId }] = await t.db
    .insert(membershipTypes)
    .values({ name: "Full", graceDays: 0 })
    .returning({ id: membershipTypes.id });
  const lasts = ["Schmidt", "Schulz", "Schön", "Schz", "Scott", "Sch", "Fischer", "Ash"];
  const firsts = ["Anna", "Schuyler", "Bob", "schmidt", "Zoe"];
  let i = 0;
  for (const last of lasts)
    for (const first of firsts) {
      i++;
      // Some emails start with the search prefix though neither name does; some people have none.
      const email = i % 7 === 0 ? null : i % 5 === 0 ? `sch.${i}@example.org` : `p${i}@example.org`;
      const current = i % 3 !== 0;
      const p = await createPerson(
        t.db,
        {
          firstName: first,
          lastName: last,
          email,
          membershipTypeId: typeId,
          expiryDate: current ? null : "2000-01-01",
        },
        "cli",
      );
      const active = i % 11 !== 0;
      if (!active) await setPersonActive(t.db, p.id, false, "cli");
      made.push({ id: p.id, first, last, email, current, active });
    }
});
afterAll(() => t.close());

/** The rule the SQL must follow, written plainly: prefix match, then code point order of lower-cased names. */
function reference(q: string, f: { status?: "current"; active?: boolean }): string[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const starts = (s: string | null, w: string) => (s ?? "").toLowerCase().startsWith(w);
  const match = (p: Made) =>
    words.length === 1
      ? starts(p.last, words[0]) || starts(p.first, words[0]) || starts(p.email, words[0])
      : (starts(p.first, words[0]) && starts(p.last, words.slice(1).join(" "))) ||
        starts(p.last, words.join(" "));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return made
    .filter((p) => match(p) && (!f.status || p.current) && (f.active === undefined || p.active === f.active))
    .sort(
      (a, b) =>
        cmp(a.last.toLowerCase(), b.last.toLowerCase()) ||
        cmp(a.first.toLowerCase(), b.first.toLowerCase()) ||
        cmp(a.id, b.id),
    )
    .map((p) => p.id);
}

async function allPages(filter: PeopleListFilter & { sort?: "name" | "updated" }, limit: number) {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await listPeople(t.db, { ...filter, limit, after });
    ids.push(...page.rows.map((r) => r.id));
    after = page.nextCursor ?? undefined;
  } while (after);
  return ids;
}

describe("people list search", () => {
  const cases: [string, { status?: "current"; active?: boolean }][] = [
    ["sch", {}],
    ["sch", { status: "current", active: true }],
    ["SCHM", { active: true }],
    ["sch", { active: false }],
    ["schuyler sch", {}],
    ["anna schm", { status: "current" }],
    ["a", {}],
  ];

  it.each(cases)("%s %o: the reference's rows in its order, page by page", async (q, f) => {
    const expected = reference(q, f);
    expect(expected.length).toBeGreaterThan(0);
    expect((await listPeople(t.db, { q, ...f, limit: 200 })).rows.map((r) => r.id)).toEqual(expected);
    expect(await allPages({ q, ...f }, 3)).toEqual(expected);
    expect(await countPeople(t.db, { q, ...f })).toBe(expected.length);
  });

  it("sorts names by code point, the same on every database", async () => {
    const lasts = (await listPeople(t.db, { q: "sch", limit: 200 })).rows.map((r) => r.lastName);
    expect(lasts.indexOf("Schz")).toBeLessThan(lasts.indexOf("Schön"));
  });

  it("sorted by last update, a search returns the same rows, newest first, page by page", async () => {
    const byName = reference("sch", { status: "current" });
    const byUpdate = await allPages({ q: "sch", status: "current", sort: "updated" }, 4);
    expect([...byUpdate].sort()).toEqual([...byName].sort());
    const rows = (await listPeople(t.db, { q: "sch", status: "current", sort: "updated", limit: 200 })).rows;
    expect(rows.map((r) => r.id)).toEqual(byUpdate);
    const times = rows.map((r) => Date.parse(r.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe("countPeopleUpTo", () => {
  it("counts exactly up to the cap and says when there are more", async () => {
    const exact = await countPeople(t.db, { q: "sch" });
    expect(await countPeopleUpTo(t.db, { q: "sch" }, exact)).toEqual({ n: exact, more: false });
    expect(await countPeopleUpTo(t.db, { q: "sch" }, exact - 1)).toEqual({ n: exact - 1, more: true });
    const currentActive = made.filter((p) => p.current && p.active).length;
    expect(await countPeopleUpTo(t.db, { status: "current", active: true })).toEqual({
      n: currentActive,
      more: false,
    });
  });
});
