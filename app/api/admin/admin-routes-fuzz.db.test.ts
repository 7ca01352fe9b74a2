// Bad input across every admin route handler (app/api/admin/**), generated: each answer is a 4xx (never a
// 500) and nothing is written; and every state-changing route refuses a cross-site request (Origin) before
// doing anything. The real handlers, with the session pointed at a staff admin and the database at a test one.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { createUser } from "@/lib/auth/accounts";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));
vi.mock("@/lib/auth/next-auth", () => ({
  auth: async () => (session.userId ? { userId: session.userId } : null),
}));
vi.mock("@/db/client", async (orig) => ({
  ...(await orig<typeof import("@/db/client")>()),
  getDb: async () => session.db,
}));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const count = (await import("./groups/count/route")) as unknown as Record<string, Handler>;
const links = (await import("./sync/links/route")) as unknown as Record<string, Handler>;
const remoteGroups = (await import("./sync/remote-groups/route")) as unknown as Record<string, Handler>;
const group = (await import("./sync/groups/[groupId]/route")) as unknown as Record<string, Handler>;
const link = (await import("./sync/groups/[groupId]/link/route")) as unknown as Record<string, Handler>;
const removals = (await import("./sync/groups/[groupId]/removals/route")) as unknown as Record<
  string,
  Handler
>;
const preview = (await import("./sync/groups/[groupId]/preview/route")) as unknown as Record<string, Handler>;
const syncNow = (await import("./sync/groups/[groupId]/sync-now/route")) as unknown as Record<
  string,
  Handler
>;

type Route = {
  name: string;
  handler: Handler;
  method: string;
  path: string;
  grouped: boolean;
  body: boolean;
};
const routes: Route[] = [
  {
    name: "group count",
    handler: count.POST,
    method: "POST",
    path: "groups/count",
    grouped: false,
    body: true,
  },
  { name: "links", handler: links.GET, method: "GET", path: "sync/links", grouped: false, body: false },
  {
    name: "remote groups",
    handler: remoteGroups.GET,
    method: "GET",
    path: "sync/remote-groups",
    grouped: false,
    body: false,
  },
  {
    name: "group sync",
    handler: group.GET,
    method: "GET",
    path: "sync/groups/:id",
    grouped: true,
    body: false,
  },
  {
    name: "save link",
    handler: link.PUT,
    method: "PUT",
    path: "sync/groups/:id/link",
    grouped: true,
    body: true,
  },
  {
    name: "delete link",
    handler: link.DELETE,
    method: "DELETE",
    path: "sync/groups/:id/link",
    grouped: true,
    body: false,
  },
  {
    name: "approve removals",
    handler: removals.POST,
    method: "POST",
    path: "sync/groups/:id/removals",
    grouped: true,
    body: false,
  },
  {
    name: "cancel removals",
    handler: removals.DELETE,
    method: "DELETE",
    path: "sync/groups/:id/removals",
    grouped: true,
    body: false,
  },
  {
    name: "preview",
    handler: preview.POST,
    method: "POST",
    path: "sync/groups/:id/preview",
    grouped: true,
    body: true,
  },
  {
    name: "sync now",
    handler: syncNow.POST,
    method: "POST",
    path: "sync/groups/:id/sync-now",
    grouped: true,
    body: false,
  },
];

const HOST = "127.0.0.1:3000";
let t: TestDb;
let sent = 0;
beforeAll(async () => {
  t = await createTestDb();
  session.db = t.db;
  session.userId = (
    await createUser(t.db, { email: "fuzz-admin@x.org", password: "admin-password", role: "admin" }, "cli")
  ).id;
});
afterAll(() => {
  console.info(`[fuzz] ${sent} bad inputs sent to the admin routes`);
  return t.close();
});

const writes = async () =>
  (
    (await t.db
      .execute(sql`select (select count(*) from changes)::int + (select count(*) from sync_links)::int
    + (select count(*) from sync_ops)::int + (select count(*) from sync_members)::int as n`)) as unknown as {
      n: number;
    }[]
  )[0].n;

function requestOf(
  r: Route,
  groupId: string,
  query: Record<string, string>,
  body: string | null,
  origin?: string,
) {
  const path = r.path.replace(":id", encodeURIComponent(groupId));
  const url = new URL(`http://${HOST}/api/admin/${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { host: HOST, origin: origin ?? `http://${HOST}` };
  if (body !== null) headers["content-type"] = "application/json";
  return new Request(url, { method: r.method, headers, body: r.method === "GET" ? null : body });
}

const nul = fc.string({ maxLength: 6 }).map((s) => `${s}\u0000${s}`);
const badId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "" && !/[/?#%]/.test(s)),
  nul,
  fc.uuid(),
  fc.constantFrom("null", "1", "..", "00000000-0000-0000-0000-000000000000"),
);
const vendor = fc.oneof(fc.constant("mobilize"), fc.string({ maxLength: 12 }), nul, fc.constant(undefined));
const query = fc.record(
  {
    vendor,
    offset: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("-1", "1e309", "NaN")),
    groupId: badId,
    filter: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.json().map(String),
  fc.constantFrom("", "{", "null", "[]", '"x"', "1e999"),
  fc
    .record({ remoteGroupId: fc.oneof(nul, fc.constant(""), fc.integer() as fc.Arbitrary<unknown>) })
    .map((o) => JSON.stringify(o)),
  fc
    .record({
      recordTypes: fc.oneof(fc.constantFrom("people", "companies", "both"), fc.string()),
      mode: fc.oneof(fc.constantFrom("conditions", "specific"), fc.string()),
      conditions: fc.oneof(fc.constant(null), fc.anything()),
      specificIds: fc.oneof(fc.array(badId, { maxLength: 4 }), fc.anything()),
      id: fc.oneof(badId, fc.constant(undefined)),
    })
    .map((o) => JSON.stringify(o)),
);

describe("admin routes under bad input", () => {
  it("answer 4xx (never 500) and write nothing", async () => {
    const before = await writes();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), badId, query, body, async (r, groupId, q, b) => {
        const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >;
        const res = await r.handler(requestOf(r, groupId, clean, r.body ? b : null), {
          params: Promise.resolve({ groupId }),
        });
        sent++;
        const text = await res.text();
        expect(res.status, `${r.name} ${groupId} ${JSON.stringify(q)} ${b}: ${text}`).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
    expect(await writes()).toBe(before);
  });

  it("refuse a cross-site state change on every route, before anything else", async () => {
    const before = await writes();
    for (const r of routes.filter((x) => x.method !== "GET")) {
      const req = requestOf(
        r,
        crypto.randomUUID(),
        { vendor: "mobilize" },
        "{}",
        "http://attacker.localhost",
      );
      const res = await r.handler(req, { params: Promise.resolve({ groupId: crypto.randomUUID() }) });
      expect(res.status, r.name).toBe(403);
    }
    expect(await writes()).toBe(before);
  });
});
