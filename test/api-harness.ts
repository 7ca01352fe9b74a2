// Test harness for the keyed API: points the process-wide database handle at a test database and calls
// the REAL route modules with Request objects. Also seeds records, groups and keys. Used by tests only.
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/lifecycle";
import { createCompany } from "@/lib/records/companies";
import { createPerson } from "@/lib/records/people";
import type { ApiKeyInputRaw } from "@/lib/schemas/api-key";
import { apiKeyInputSchema } from "@/lib/schemas/api-key";
import { invalidateApiKeys } from "@/lib/api-keys/cache";
import { flushRateLimits, resetLocalRateLimits } from "@/lib/api/rate-limit";
import { flushApiUsage } from "@/lib/api/usage";
import * as members from "@/app/api/v1/members/route";
import * as member from "@/app/api/v1/members/[id]/route";
import * as people from "@/app/api/v1/people/route";
import * as person from "@/app/api/v1/people/[id]/route";
import * as events from "@/app/api/v1/events/route";
import * as event from "@/app/api/v1/events/[id]/route";
import * as registrations from "@/app/api/v1/events/[id]/registrations/route";
import * as customFields from "@/app/api/v1/custom-fields/route";
import * as changes from "@/app/api/v1/changes/route";
import * as keyInfo from "@/app/api/v1/key/route";
import * as endpoints from "@/app/api/v1/webhook-endpoints/route";
import * as endpoint from "@/app/api/v1/webhook-endpoints/[id]/route";

export function useTestHandle(handle: DbHandle): void {
  (globalThis as unknown as { __guildhallDb?: Promise<DbHandle> }).__guildhallDb = Promise.resolve(handle);
  invalidateApiKeys();
  resetLocalRateLimits();
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: [RegExp, string, Handler][] = [
  [/^\/api\/v1\/members$/, "GET", members.GET as Handler],
  [/^\/api\/v1\/members\/(?<id>[^/]+)$/, "GET", member.GET as Handler],
  [/^\/api\/v1\/people$/, "POST", people.POST as Handler],
  [/^\/api\/v1\/people\/(?<id>[^/]+)$/, "PATCH", person.PATCH as Handler],
  [/^\/api\/v1\/events$/, "GET", events.GET as Handler],
  [/^\/api\/v1\/events\/(?<id>[^/]+)$/, "GET", event.GET as Handler],
  [/^\/api\/v1\/events\/(?<id>[^/]+)\/registrations$/, "GET", registrations.GET as Handler],
  [/^\/api\/v1\/custom-fields$/, "GET", customFields.GET as Handler],
  [/^\/api\/v1\/changes$/, "GET", changes.GET as Handler],
  [/^\/api\/v1\/key$/, "GET", keyInfo.GET as Handler],
  [/^\/api\/v1\/webhook-endpoints$/, "GET", endpoints.GET as Handler],
  [/^\/api\/v1\/webhook-endpoints$/, "POST", endpoints.POST as Handler],
  [/^\/api\/v1\/webhook-endpoints\/(?<id>[^/]+)$/, "DELETE", endpoint.DELETE as Handler],
];

export type Call = { status: number; body: any; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls a route like an HTTP client would: `call("GET /api/v1/members?limit=5", { key })`. */
export async function call(
  line: string,
  opts: {
    key?: string;
    auth?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Call> {
  const [method, target] = line.split(" ");
  const url = new URL(target, "http://localhost");
  const route = routes.find(([re, m]) => m === method && re.test(url.pathname));
  if (!route) throw new Error(`no route for ${line}`);
  const params = (route[0].exec(url.pathname)?.groups ?? {}) as Record<string, string>;
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth !== undefined) headers.authorization = opts.auth;
  else if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined) headers["content-type"] = "application/json";
  const res = await route[2](new Request(url, { method, headers, body: payload }), {
    params: Promise.resolve(params),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export async function seedKey(handle: DbHandle, input: ApiKeyInputRaw) {
  const { webhookUrls: _w, ...fields } = apiKeyInputSchema.parse(input);
  return createApiKey(handle.db, fields);
}

/**
 * A hand-picked ("specific records") group: its definition lists the members and the stored membership
 * matches it, as the app keeps it (writes re-decide a record's groups from the definitions).
 */
export async function seedGroup(handle: DbHandle, members: { type: "person" | "company"; id: string }[]) {
  const [g] = (await handle.db.execute(
    sql`insert into groups (name, record_types, mode) values (${`g-${Math.random()}`}, 'both', 'specific') returning id`,
  )) as unknown as { id: string }[];
  for (const m of members) await addToGroup(handle, g.id, m);
  return g.id;
}

export async function addToGroup(handle: DbHandle, groupId: string, m: { type: string; id: string }) {
  await handle.db.execute(
    sql`insert into group_specific_records (group_id, record_type, record_id) values (${groupId}, ${m.type}, ${m.id})`,
  );
  await handle.db.execute(
    sql`insert into group_members (group_id, record_type, record_id) values (${groupId}, ${m.type}, ${m.id})`,
  );
  await handle.db.execute(
    sql`insert into group_membership_changes (group_id, record_type, record_id, kind, cause_cursor) values (${groupId}, ${m.type}, ${m.id}, 'entered_group', (select max(cursor) from changes))`,
  );
}

export async function removeFromGroup(handle: DbHandle, groupId: string, m: { type: string; id: string }) {
  await handle.db.execute(
    sql`delete from group_specific_records where group_id = ${groupId} and record_id = ${m.id}`,
  );
  await handle.db.execute(sql`delete from group_members where group_id = ${groupId} and record_id = ${m.id}`);
  await handle.db.execute(
    sql`insert into group_membership_changes (group_id, record_type, record_id, kind, cause_cursor) values (${groupId}, ${m.type}, ${m.id}, 'left_group', (select max(cursor) from changes))`,
  );
}

let n = 0;
export async function seedPerson(handle: DbHandle, extra: Partial<Parameters<typeof createPerson>[1]> = {}) {
  n++;
  return createPerson(
    handle.db,
    {
      firstName: `First${n}`,
      lastName: `Last${n}`,
      email: `p${n}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      phone: `555-${n}`,
      jobTitle: "Engineer",
      ...extra,
    },
    "cli",
  );
}
export async function seedCompany(
  handle: DbHandle,
  extra: Partial<Parameters<typeof createCompany>[1]> = {},
) {
  n++;
  return createCompany(handle.db, { name: `Company ${n}`, ...extra }, "cli");
}

/** Writes pending log rows and rate-limit counters, then closes the test database. */
export async function closeTestHandle(handle: DbHandle): Promise<void> {
  await flushApiUsage();
  await flushRateLimits();
  await handle.close();
}
