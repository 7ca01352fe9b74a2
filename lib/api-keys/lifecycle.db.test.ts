// Key lifecycle and scope over the real route handlers: revoke, roll with grace, rate limit, ETags,
// signup protection, group scope and the changes feed with tombstones.
import { PEER_HEADER, stampPeerAddresses } from "@/lib/core/client-address";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/db/queries/api-keys";
import { rollApiKey } from "@/lib/api-keys/lifecycle";
import { createEvent } from "@/db/queries/events";
import { setPersonActive } from "@/lib/records/people";
import { registerPerson, removeRegistration } from "@/lib/records/registrations";
import { createTestDb, type TestDb } from "@/test/db";
import { invalidateApiKeys } from "./cache";
import { flushApiUsage } from "@/lib/api/usage";
import { flushRateLimits } from "@/lib/api/rate-limit";
import {
  addToGroup,
  call,
  removeFromGroup,
  seedCompany,
  seedGroup,
  seedKey,
  seedPerson,
  useTestHandle,
  closeTestHandle,
} from "@/test/api-harness";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
});
afterAll(() => closeTestHandle(t));

describe("key lifecycle", () => {
  it("a revoked key fails on the very next request (cache included)", async () => {
    const { key, secret } = await seedKey(t, { name: "to revoke" });
    expect((await call("GET /api/v1/members", { key: secret })).status).toBe(200);
    await revokeApiKey(t.db, key.id);
    invalidateApiKeys(); // what the staff action does in-process; other processes get NOTIFY
    expect((await call("GET /api/v1/members", { key: secret })).status).toBe(401);
  });

  it("roll with grace keeps the old secret until the grace ends; without grace it stops at once", async () => {
    const { key, secret: old } = await seedKey(t, { name: "roll" });
    const { secret: fresh } = await rollApiKey(t.db, key.id, 3_600_000);
    invalidateApiKeys();
    expect((await call("GET /api/v1/members", { key: old })).status).toBe(200);
    expect((await call("GET /api/v1/members", { key: fresh })).status).toBe(200);
    await t.sql`update api_keys set previous_expires_at = now() - interval '1 second' where id = ${key.id}`;
    invalidateApiKeys();
    expect((await call("GET /api/v1/members", { key: old })).status).toBe(401);
    const { secret: third } = await rollApiKey(t.db, key.id, 0);
    invalidateApiKeys();
    expect((await call("GET /api/v1/members", { key: fresh })).status).toBe(401);
    expect((await call("GET /api/v1/members", { key: third })).status).toBe(200);
  });

  it("rate limits with 429, Retry-After and RateLimit headers", async () => {
    const { secret } = await seedKey(t, { name: "slow", rateLimitPerSecond: 3, rateLimitPerMinute: 100 });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await call("GET /api/v1/custom-fields", { key: secret });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body.error.code).toBe("rate_limited");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last!.headers.get("ratelimit-limit")).toBe("3");
    expect(last!.headers.get("ratelimit-remaining")).toBe("0");
  });

  it("shares the limit across instances through the database", async () => {
    const { key, secret } = await seedKey(t, {
      name: "shared",
      rateLimitPerSecond: null,
      rateLimitPerMinute: 50,
    });
    expect((await call("GET /api/v1/custom-fields", { key: secret })).status).toBe(200);
    await flushRateLimits();
    // Another instance admitted the rest of this minute's budget:
    await t.sql`update api_rate_limits set points = points + 60 where key = ${`api:m:${key.id}`}`;
    expect((await call("GET /api/v1/custom-fields", { key: secret })).status).toBe(200);
    await flushRateLimits();
    const refused = await call("GET /api/v1/custom-fields", { key: secret });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(1);
  });

  it("logs requests and last use in batches", async () => {
    const { key, secret } = await seedKey(t, { name: "logged" });
    const before = Date.now();
    await call("GET /api/v1/members/not-an-id", { key: secret });
    // The connection's address as our HTTP server stamps it (lib/core/client-address.ts); a client-sent
    // X-Forwarded-For is not believed without a trusted proxy.
    stampPeerAddresses();
    await call("GET /api/v1/members?limit=1", {
      key: secret,
      headers: { [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.7" },
    });
    await flushApiUsage();
    const log = await t.sql`select method, path, status, ip, latency_ms, at from api_request_log
      where api_key_id = ${key.id} order by id`;
    expect(log.map(({ method, path, status, ip }) => ({ method, path, status, ip }))).toEqual([
      { method: "GET", path: "/api/v1/members/not-an-id", status: 404, ip: null },
      { method: "GET", path: "/api/v1/members", status: 200, ip: "203.0.113.9" },
    ]);
    for (const row of log) {
      expect(row.latency_ms).toBeGreaterThanOrEqual(0);
      expect(new Date(row.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(row.at).getTime()).toBeLessThanOrEqual(Date.now());
    }
    const [k] = await t.sql`select last_used_ip from api_keys where id = ${key.id}`;
    expect(k.last_used_ip).toBe("203.0.113.9");
  });
});

describe("records through a key", () => {
  it("ETag on read, If-Match honoured on update", async () => {
    const { secret } = await seedKey(t, { name: "etag" });
    const p = await seedPerson(t);
    const read = await call(`GET /api/v1/members/${p.id}`, { key: secret });
    const etag = read.headers.get("etag")!;
    expect(etag).toBe('"person-1"');
    const ok = await call(`PATCH /api/v1/people/${p.id}`, {
      key: secret,
      body: { job_title: "CFO" },
      headers: { "if-match": etag },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.job_title).toBe("CFO");
    const stale = await call(`PATCH /api/v1/people/${p.id}`, {
      key: secret,
      body: { job_title: "CEO" },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
  });

  it("signup protection holds a person with a foreign domain and says so", async () => {
    const company = await seedCompany(t, { signupProtected: true, emailDomains: ["acme.test"] });
    const follows = (await seedKey(t, { name: "follows", followSignupProtection: true })).secret;
    const ignores = (await seedKey(t, { name: "ignores" })).secret;
    const held = await call("POST /api/v1/people", {
      key: follows,
      body: { first_name: "Eve", last_name: "Out", email: "eve@elsewhere.test", company_id: company.id },
    });
    expect(held.status).toBe(201);
    expect(held.body.status).toBe("pending_approval");
    expect(held.body.data.approval_status).toBe("pending_approval");
    expect(held.body.data.company_id).toBeNull();
    const match = await call("POST /api/v1/people", {
      key: follows,
      body: { first_name: "Al", last_name: "In", email: "al@acme.test", company_id: company.id },
    });
    expect(match.body.status).toBe("approved");
    const direct = await call("POST /api/v1/people", {
      key: ignores,
      body: { first_name: "Bo", last_name: "Out", email: "bo@elsewhere.test", company_id: company.id },
    });
    expect(direct.body.status).toBe("approved");
    expect(direct.body.data.company_id).toBe(company.id);
  });

  it("a group-scoped key lists, pages and fetches only its group with only its fields", async () => {
    const inside = [await seedPerson(t), await seedPerson(t), await seedPerson(t)];
    const company = await seedCompany(t);
    const outside = await seedPerson(t);
    const group = await seedGroup(t, [
      ...inside.map((p) => ({ type: "person" as const, id: p.id })),
      { type: "company", id: company.id },
    ]);
    const { secret } = await seedKey(t, {
      name: "scoped",
      limitMemberData: true,
      groupId: group,
      memberFields: ["email"],
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(`GET /api/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
        key: secret,
      });
      expect(page.status).toBe(200);
      for (const m of page.body.data) {
        seen.push(m.id);
        expect(Object.keys(m).sort()).toEqual(
          m.type === "person"
            ? ["email", "first_name", "id", "last_name", "type", "updated_at"]
            : ["email", "id", "name", "type", "updated_at"],
        );
      }
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...inside.map((p) => p.id), company.id].sort());
    expect((await call(`GET /api/v1/members/${outside.id}`, { key: secret })).status).toBe(404);
    const people = await call("GET /api/v1/members?type=person", { key: secret });
    expect(people.body.data).toHaveLength(3);
  });

  it("the changes feed sends upserts, and tombstones for records leaving scope or deactivated", async () => {
    const a = await seedPerson(t);
    const b = await seedPerson(t);
    const never = await seedPerson(t);
    const group = await seedGroup(t, [
      { type: "person", id: a.id },
      { type: "person", id: b.id },
    ]);
    const { secret } = await seedKey(t, {
      name: "feed",
      limitMemberData: true,
      groupId: group,
      eventAccess: false,
    });
    const first = await call("GET /api/v1/changes", { key: secret });
    expect(first.status).toBe(200);
    const upserts = first.body.data
      .filter((c: { op: string }) => c.op === "upsert")
      .map((c: { id: string }) => c.id);
    expect(new Set(upserts)).toEqual(new Set([a.id, b.id]));
    expect(JSON.stringify(first.body)).not.toContain(never.id);
    await removeFromGroup(t, group, { type: "person", id: a.id });
    await setPersonActive(t.db, b.id, false, "cli");
    await addToGroup(t, group, { type: "person", id: never.id });
    const next = await call(`GET /api/v1/changes?cursor=${first.body.next_cursor}`, { key: secret });
    expect(
      next.body.data.map((c: { id: string; op: string; reason: string }) => [c.id, c.op, c.reason]),
    ).toEqual([
      [a.id, "tombstone", "left_scope"],
      [b.id, "tombstone", "deactivated"],
      [never.id, "upsert", "entered_scope"],
    ]);
    const empty = await call(`GET /api/v1/changes?cursor=${next.body.next_cursor}`, { key: secret });
    expect(empty.body.data).toEqual([]);
  });

  it("a deleted registration is a tombstone only for keys that could see it", async () => {
    const inside = await seedPerson(t);
    const outside = await seedPerson(t);
    const group = await seedGroup(t, [{ type: "person", id: inside.id }]);
    const { secret } = await seedKey(t, { name: "regs", limitMemberData: true, groupId: group });
    const event = await createEvent(
      t.db,
      { name: "Gala", startsAt: new Date("2027-01-01T18:00:00Z"), status: "published" } as never,
      "cli",
    );
    const mine = await registerPerson(t.db, { eventId: event.id, personId: inside.id }, "cli");
    const theirs = await registerPerson(t.db, { eventId: event.id, personId: outside.id }, "cli");
    const start = await call("GET /api/v1/changes?limit=500", { key: secret });
    await removeRegistration(t.db, mine.id, "cli");
    await removeRegistration(t.db, theirs.id, "cli");
    const feed = await call(`GET /api/v1/changes?cursor=${start.body.next_cursor}`, { key: secret });
    expect(feed.body.data.map((c: { id: string; op: string }) => [c.id, c.op])).toEqual([
      [mine.id, "tombstone"],
    ]);
    expect(JSON.stringify(feed.body)).not.toContain(theirs.id);
  });
});
