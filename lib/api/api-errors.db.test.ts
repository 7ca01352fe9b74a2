// Table-driven error tests against the real route handlers: the exact error body for each case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/db/queries/api-keys";
import { createTestDb, type TestDb } from "@/test/db";
import { call, seedGroup, seedKey, seedPerson, useTestHandle, closeTestHandle } from "@/test/api-harness";

let t: TestDb;
const k: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  const inside = await seedPerson(t);
  const outside = await seedPerson(t);
  ids.inside = inside.id;
  ids.outside = outside.id;
  const group = await seedGroup(t, [{ type: "person", id: inside.id }]);
  k.full = (await seedKey(t, { name: "full" })).secret;
  k.noEvents = (await seedKey(t, { name: "no events", eventAccess: false })).secret;
  k.noMembers = (await seedKey(t, { name: "no members", memberAccess: false })).secret;
  k.scoped = (
    await seedKey(t, { name: "scoped", limitMemberData: true, groupId: group, memberFields: ["email"] })
  ).secret;
  const revoked = await seedKey(t, { name: "revoked" });
  await revokeApiKey(t.db, revoked.key.id);
  k.revoked = revoked.secret;
});
afterAll(() => closeTestHandle(t));

const unauthorized = (message: string) => ({ error: { code: "unauthorized", message } });
const missing = unauthorized("Missing API key. Send the header Authorization: Bearer <your key>.");
const malformed = unauthorized("Malformed Authorization header. Expected: Bearer gk_… (an API key).");
const invalid = unauthorized("This API key is not valid: it is unknown, revoked or expired.");

type Case = {
  name: string;
  line: () => string;
  key?: keyof typeof k;
  auth?: string;
  body?: () => unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
  error: () => unknown;
};
const cases: Case[] = [
  { name: "no header", line: () => "GET /api/v1/members", status: 401, error: () => missing },
  {
    name: "not bearer",
    line: () => "GET /api/v1/members",
    auth: "Basic abc",
    status: 401,
    error: () => malformed,
  },
  {
    name: "bearer of a non-key",
    line: () => "GET /api/v1/members",
    auth: "Bearer hello",
    status: 401,
    error: () => malformed,
  },
  {
    name: "unknown key",
    line: () => "GET /api/v1/members",
    auth: `Bearer gk_${"A".repeat(43)}`,
    status: 401,
    error: () => invalid,
  },
  {
    name: "revoked key",
    line: () => "GET /api/v1/members",
    key: "revoked",
    status: 401,
    error: () => invalid,
  },
  {
    name: "events without event access",
    line: () => "GET /api/v1/events",
    key: "noEvents",
    status: 403,
    error: () => ({ error: { code: "forbidden", message: "This API key has no access to event data." } }),
  },
  {
    name: "members without member access",
    line: () => "GET /api/v1/members",
    key: "noMembers",
    status: 403,
    error: () => ({
      error: { code: "forbidden", message: "This API key has no access to membership data." },
    }),
  },
  {
    name: "out-of-group member is a 404",
    line: () => `GET /api/v1/members/${ids.outside}`,
    key: "scoped",
    status: 404,
    error: () => ({ error: { code: "not_found", message: `Member ${ids.outside} was not found.` } }),
  },
  {
    name: "nonexistent member is the same 404",
    line: () => "GET /api/v1/members/00000000-0000-4000-8000-000000000000",
    key: "scoped",
    status: 404,
    error: () => ({
      error: { code: "not_found", message: "Member 00000000-0000-4000-8000-000000000000 was not found." },
    }),
  },
  {
    name: "limit over the cap",
    line: () => "GET /api/v1/members?limit=201",
    key: "full",
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: "limit: Too big: expected number to be <=200",
        details: { fields: [{ field: "limit", message: "Too big: expected number to be <=200" }] },
      },
    }),
  },
  {
    name: "bad cursor",
    line: () => "GET /api/v1/members?cursor=zzz",
    key: "full",
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: "cursor: not a cursor issued by this API; pass next_cursor as given",
        details: { fields: [{ field: "cursor", message: "Not a cursor issued by this API" }] },
      },
    }),
  },
  {
    name: "unknown query parameter",
    line: () => "GET /api/v1/members?color=red",
    key: "full",
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: 'Unrecognized key: "color"',
        details: { fields: [{ field: "", message: 'Unrecognized key: "color"' }] },
      },
    }),
  },
  {
    name: "bad updated_since",
    line: () => "GET /api/v1/members?updated_since=yesterday",
    key: "full",
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: "updated_since: Invalid ISO datetime",
        details: { fields: [{ field: "updated_since", message: "Invalid ISO datetime" }] },
      },
    }),
  },
  {
    name: "oversized body",
    line: () => "POST /api/v1/people",
    key: "full",
    rawBody: JSON.stringify({ first_name: "x".repeat(70_000) }),
    status: 413,
    error: () => ({
      error: { code: "payload_too_large", message: "The request body is larger than 65536 bytes." },
    }),
  },
  {
    name: "body not JSON",
    line: () => "POST /api/v1/people",
    key: "full",
    rawBody: "{nope",
    status: 400,
    error: () => ({ error: { code: "invalid_input", message: "The request body is not valid JSON." } }),
  },
  {
    name: "missing last name",
    line: () => "POST /api/v1/people",
    key: "full",
    body: () => ({ first_name: "Ada" }),
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: "last_name: Invalid input: expected string, received undefined",
        details: {
          fields: [{ field: "last_name", message: "Invalid input: expected string, received undefined" }],
        },
      },
    }),
  },
  {
    name: "server-owned id",
    line: () => "POST /api/v1/people",
    key: "full",
    body: () => ({ id: ids.inside, first_name: "A", last_name: "B" }),
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: "id is set by the server and cannot be written",
        details: { fields: [{ field: "id", message: "id is set by the server and cannot be written" }] },
      },
    }),
  },
  {
    name: "server-owned status on patch",
    line: () => `PATCH /api/v1/people/${ids.inside}`,
    key: "full",
    body: () => ({ member_status: "current", groups: [] }),
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message:
          "member_status is set by the server and cannot be written; groups is set by the server and cannot be written",
        details: {
          fields: [
            { field: "member_status", message: "member_status is set by the server and cannot be written" },
            { field: "groups", message: "groups is set by the server and cannot be written" },
          ],
        },
      },
    }),
  },
  {
    name: "field the key may not see",
    line: () => `PATCH /api/v1/people/${ids.inside}`,
    key: "scoped",
    body: () => ({ phone: "1" }),
    status: 400,
    error: () => ({
      error: {
        code: "invalid_input",
        message: "phone is not a field this API key may access",
        details: { fields: [{ field: "phone", message: "phone is not a field this API key may access" }] },
      },
    }),
  },
  {
    name: "patch out of group (BOLA)",
    line: () => `PATCH /api/v1/people/${ids.outside}`,
    key: "scoped",
    body: () => ({ email: "x@example.org" }),
    status: 404,
    error: () => ({ error: { code: "not_found", message: `Person ${ids.outside} was not found.` } }),
  },
  {
    name: "stale If-Match",
    line: () => `PATCH /api/v1/people/${ids.inside}`,
    key: "full",
    body: () => ({ job_title: "CTO" }),
    headers: { "if-match": '"person-99"' },
    status: 412,
    error: () => ({
      error: {
        code: "precondition_failed",
        message: "The Person was changed by someone else (version 1, you had 99). Reload it and try again.",
      },
    }),
  },
  {
    name: "bad event id",
    line: () => "GET /api/v1/events/not-a-uuid",
    key: "full",
    status: 404,
    error: () => ({ error: { code: "not_found", message: "Event not-a-uuid was not found." } }),
  },
];

describe("API error bodies", () => {
  it.each(cases)("$name", async (c) => {
    const res = await call(c.line(), {
      key: c.key ? k[c.key] : undefined,
      auth: c.auth,
      body: c.body?.(),
      rawBody: c.rawBody,
      headers: c.headers,
    });
    expect({ status: res.status, body: res.body }).toEqual({ status: c.status, body: c.error() });
  });

  it("bad input writes nothing", async () => {
    const before = await t.sql`select count(*)::int as n from people`;
    await call("POST /api/v1/people", {
      key: k.full,
      body: { first_name: "A", last_name: "B", email: "not-an-email" },
    });
    await call("POST /api/v1/people", {
      key: k.full,
      body: { first_name: "A", last_name: "B", status: "approved" },
    });
    const after = await t.sql`select count(*)::int as n from people`;
    expect(after[0].n).toBe(before[0].n);
  });
});
