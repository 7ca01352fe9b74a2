// GET /api/v1/members filters and paging over the real route: type, q (prefix search, LIKE characters taken
// literally), updated_since, cursor walks with filters, and two keys of the same shape (same fields, other
// groups) each seeing only their own group: the page query's text is built once per shape and reused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import {
  call,
  closeTestHandle,
  seedCompany,
  seedGroup,
  seedKey,
  seedPerson,
  useTestHandle,
} from "@/test/api-harness";

let t: TestDb;
type Rec = { type: "person" | "company"; id: string };
const people: Rec[] = [];
const companies: Rec[] = [];
let open: string; // a key without a group
let keyA: string;
let keyB: string;
const groupA: Rec[] = [];
const groupB: Rec[] = [];

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  // Names share the prefix "Quill" so a search can isolate them; "Quill_%x" tests LIKE escaping.
  const names = ["Quillan", "Quillby", "Quill_%x", "Quilter", "Other"];
  for (const [i, last] of names.entries()) {
    const p = await seedPerson(t, { lastName: last, firstName: `Fn${i}`, email: `q${i}@quill.example` });
    people.push({ type: "person", id: p.id });
  }
  for (const name of ["Quill Works", "Quillan Ltd", "Elsewhere Inc"]) {
    const c = await seedCompany(t, { name });
    companies.push({ type: "company", id: c.id });
  }
  // Two records were last updated ten days ago.
  await t.sql`update people set updated_at = now() - interval '10 days' where id = ${people[0].id}`;
  await t.sql`update companies set updated_at = now() - interval '10 days' where id = ${companies[0].id}`;
  groupA.push(people[0], people[1], companies[0]);
  groupB.push(people[2], people[3], companies[1]);
  const fields = { limitMemberData: true, memberFields: ["email"] };
  open = (await seedKey(t, { name: "open" })).secret;
  keyA = (await seedKey(t, { name: "A", ...fields, groupId: await seedGroup(t, groupA) })).secret;
  keyB = (await seedKey(t, { name: "B", ...fields, groupId: await seedGroup(t, groupB) })).secret;
});
afterAll(() => closeTestHandle(t));

async function ids(key: string, query: string): Promise<string[]> {
  const r = await call(`GET /api/v1/members?${query}`, { key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data.map((m: { id: string }) => m.id);
}
const sorted = (rs: Rec[]) => rs.map((r) => r.id).sort();

describe("GET /api/v1/members filters", () => {
  it("q is a case-insensitive prefix of last name, first name or email, or of a company's name", async () => {
    expect((await ids(open, "q=quill")).sort()).toEqual(
      sorted([people[0], people[1], people[2], companies[0], companies[1]]),
    );
    expect(await ids(open, "q=FN3")).toEqual([people[3].id]);
    expect(await ids(open, "q=q4%40quill")).toEqual([people[4].id]);
    expect(await ids(open, "q=nomatch")).toEqual([]);
  });

  it("q takes % and _ literally", async () => {
    expect(await ids(open, `q=${encodeURIComponent("quill_%")}`)).toEqual([people[2].id]);
    expect(await ids(open, `q=${encodeURIComponent("%")}`)).toEqual([]);
  });

  it("type narrows to people or companies", async () => {
    expect((await ids(open, "q=quill&type=person")).sort()).toEqual(sorted(people.slice(0, 3)));
    expect((await ids(open, "q=quill&type=company")).sort()).toEqual(sorted(companies.slice(0, 2)));
  });

  it("updated_since leaves out what changed before it", async () => {
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const got = await ids(open, `q=quill&updated_since=${since}`);
    expect(got.sort()).toEqual(sorted([people[1], people[2], companies[1]]));
    const all = await ids(
      open,
      `q=quill&updated_since=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`,
    );
    expect(all).toHaveLength(5);
  });

  async function walk(key: string, query: string): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const params = [query, "limit=2", cursor ? `cursor=${cursor}` : ""].filter(Boolean).join("&");
      const r = await call(`GET /api/v1/members?${params}`, { key });
      expect(r.status).toBe(200);
      expect(r.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...r.body.data.map((m: { id: string }) => m.id));
      cursor = r.body.next_cursor;
    } while (cursor);
    return seen;
  }

  it("a cursor walk with filters returns every match once, in id order", async () => {
    const seen = await walk(open, "q=quill");
    expect(seen).toEqual([...seen].sort());
    expect(seen.sort()).toEqual(sorted([people[0], people[1], people[2], companies[0], companies[1]]));
  });

  it("a plain cursor walk returns every record once, people and companies interleaved in id order", async () => {
    const seen = await walk(open, "");
    expect(seen).toEqual([...seen].sort());
    expect(seen.sort()).toEqual(sorted([...people, ...companies]));
    const mine = await walk(keyA, "");
    expect(mine).toEqual(sorted(groupA));
  });

  it("two keys of the same shape see only their own groups, with and without filters", async () => {
    expect((await ids(keyA, "limit=50")).sort()).toEqual(sorted(groupA));
    expect((await ids(keyB, "limit=50")).sort()).toEqual(sorted(groupB));
    expect((await ids(keyA, "q=quill&type=person")).sort()).toEqual(sorted([people[0], people[1]]));
    expect((await ids(keyB, "q=quill&type=person")).sort()).toEqual(sorted([people[2]]));
    const firstA = await call("GET /api/v1/members?limit=1", { key: keyA });
    const restA = await ids(keyA, `limit=50&cursor=${firstA.body.next_cursor}`);
    expect([firstA.body.data[0].id, ...restA].sort()).toEqual(sorted(groupA));
  });
});
