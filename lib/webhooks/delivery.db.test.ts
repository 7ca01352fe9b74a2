// The webhook pipeline against a real receiver over HTTP that verifies signatures with the standardwebhooks
// library, as a consumer would: fan-out from the changes feed, order and one-at-a-time per endpoint,
// retries with the same webhook-id backing off past a day, 410 and 3-day disabling, staging hold, secret
// rotation, the address check at delivery, Replay, revoked keys, and the durable workflow end to end.
import crypto from "node:crypto";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/db/queries/api-keys";
import { endpointCountsByKey, listWebhookEndpoints, reenableEndpoint } from "@/db/queries/webhooks";
import { replayDelivery, revealSigningSecret, rotateSigningSecret } from "@/lib/webhooks/endpoints";
import { updatePerson } from "@/lib/records/people";
import { siteSettings, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { inngest } from "@/inngest/client";
import { startExecutor, waitFor } from "@/inngest/embedded/testing/harness";
import { webhookDeliver } from "@/inngest/functions/webhook-deliver";
import { lockedMemberFields } from "@/lib/schemas/member-fields";
import { saveApiKey } from "@/lib/api-keys/lifecycle";
import { closeTestHandle, removeFromGroup, seedGroup, seedPerson, useTestHandle } from "@/test/api-harness";
import { createTestDb, type TestDb } from "@/test/db";
import { DISABLE_AFTER_MS, deliverNext, RETRY_DELAYS_MS } from "./delivery";
import { fanOutWebhooksOnce } from "@/lib/changes/webhook-fan-out";

let t: TestDb;
let server: http.Server;
let base = "";
type Got = { path: string; id: string; headers: Record<string, string>; body: string };
const received: Got[] = [];
/** Per path, the statuses to answer next (then 200). */
const script = new Map<string, number[]>();
const slow = new Set<string>();

const gotAt = (path: string) => received.filter((r) => r.path === path);

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  await t.db
    .insert(siteSettings)
    .values({ id: 1, launched: true, allowPrivateTargets: true })
    .onConflictDoUpdate({ target: siteSettings.id, set: { launched: true, allowPrivateTargets: true } });
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const path = req.url!;
      received.push({ path, id: String(req.headers["webhook-id"]), headers: req.headers as never, body });
      if (slow.has(path)) await sleep(300);
      const status = script.get(path)?.shift() ?? 200;
      res.writeHead(status).end(status === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await closeTestHandle(t);
});

async function keyWithEndpoint(path: string, extra: Record<string, unknown> = {}) {
  const { key } = await saveApiKey(t.db, null, { name: `k ${path}`, webhookUrls: [base + path], ...extra });
  const [endpoint] = await listWebhookEndpoints(t.db, key.id);
  return { key, endpoint, secret: revealSigningSecret(endpoint) };
}

/** The group follower's job in the app: here the harness keeps group membership, so mark it caught up. */
async function fanOut() {
  await t.db.execute(sql`insert into outbox_followers (name, cursor)
    values ('groups', (select coalesce(max(cursor), 0) from changes))
    on conflict (name) do update set cursor = excluded.cursor`);
  await fanOutWebhooksOnce(t.db);
}

const deliveriesOf = (endpointId: string) =>
  t.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(webhookDeliveries.id);

const touch = (id: string, jobTitle: string) => updatePerson(t.db, id, { jobTitle }, "cli");
const bodyOf = (g: Got) => JSON.parse(g.body);

describe("fan-out and delivery", () => {
  it("delivers what the key may see, in order, signed, with only its fields; leaving scope is a tombstone", async () => {
    const inside = await seedPerson(t);
    const outside = await seedPerson(t);
    const group = await seedGroup(t, [{ type: "person", id: inside.id }]);
    const { endpoint, secret } = await keyWithEndpoint("/scoped", {
      limitMemberData: true,
      groupId: group,
      memberFields: ["email"],
    });
    await touch(inside.id, "Chair");
    await touch(outside.id, "Spy");
    await fanOut();
    // (Fan out before the person leaves, as the app does continuously.)
    await removeFromGroup(t, group, { type: "person", id: inside.id });
    await fanOut();
    expect((await deliveriesOf(endpoint.id)).map((d) => d.eventType)).toEqual([
      "person.updated",
      "person.left_scope",
    ]);
    expect(await deliverNext(t.db, endpoint.id)).toMatchObject({ state: "delivered" });
    expect(await deliverNext(t.db, endpoint.id)).toMatchObject({ state: "delivered" });
    expect(await deliverNext(t.db, endpoint.id)).toEqual({ state: "idle" });
    const [updated, left] = gotAt("/scoped");
    for (const g of [updated, left]) expect(new Webhook(secret).verify(g.body, g.headers)).toEqual(bodyOf(g));
    expect(bodyOf(updated).data.record.id).toBe(inside.id);
    const allowed = new Set([...lockedMemberFields, "email", "custom"]);
    for (const f of Object.keys(bodyOf(updated).data.record)) expect(allowed.has(f)).toBe(true);
    expect(bodyOf(updated).data.record.email).toBe(inside.email);
    expect(bodyOf(updated).data.record).not.toHaveProperty("phone");
    expect(bodyOf(updated).data.record).not.toHaveProperty("job_title");
    expect(bodyOf(left).data).toMatchObject({ id: inside.id, op: "tombstone", record: null });
    expect(received.some((r) => r.body.includes(outside.id))).toBe(false);
  });

  it("retries one message with the same webhook-id, holding back the next, backing off past a day", async () => {
    const p = await seedPerson(t);
    const { endpoint } = await keyWithEndpoint("/down");
    // Fanned out after each write, as the app does (an entry superseded before its fan-out is skipped).
    await touch(p.id, "one");
    await fanOut();
    await touch(p.id, "two");
    await fanOut();
    script.set("/down", Array(RETRY_DELAYS_MS.length + 1).fill(500));
    let now = new Date();
    const clock = { now: () => now };
    const gaps: number[] = [];
    for (;;) {
      const r = await deliverNext(t.db, endpoint.id, clock);
      if (r.state !== "retry") {
        expect(r.state).toBe("failed");
        break;
      }
      // Not due yet: nothing is sent, and the second message waits behind the first.
      expect(await deliverNext(t.db, endpoint.id, clock)).toEqual({ state: "idle" });
      gaps.push(new Date(r.until).getTime() - now.getTime());
      now = new Date(r.until);
    }
    const attempts = gotAt("/down");
    expect(attempts).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
    expect(bodyOf(attempts[0]).data.record.job_title).toBe("one"); // the record as of its change
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]);
    expect(gaps.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3600e3);
    // The first gave up; the second message goes next, under its own id.
    expect(await deliverNext(t.db, endpoint.id, clock)).toMatchObject({ state: "delivered" });
    expect(gotAt("/down").at(-1)!.id).not.toBe(attempts[0].id);
    const [first] = await deliveriesOf(endpoint.id);
    expect(first).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_MS.length + 1, lastStatus: 500 });
  });

  it("disables an endpoint failing for 3 days, flags it on the key, and ends what was waiting", async () => {
    const p = await seedPerson(t);
    const { key, endpoint } = await keyWithEndpoint("/dead");
    // Fanned out after each write, as the app does (an entry superseded before its fan-out is skipped).
    await touch(p.id, "a");
    await fanOut();
    await touch(p.id, "b");
    await fanOut();
    await t.db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - DISABLE_AFTER_MS - 60_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    script.set("/dead", [503]);
    expect(await deliverNext(t.db, endpoint.id)).toMatchObject({ state: "failed" });
    const [e] = await listWebhookEndpoints(t.db, key.id);
    expect(e).toMatchObject({ status: "disabled", disabledReason: "Failing for 3 days" });
    expect((await deliveriesOf(endpoint.id)).map((d) => d.status)).toEqual(["failed", "failed"]);
    expect((await endpointCountsByKey(t.db)).get(key.id)?.disabled).toBe(1);
    expect(await deliverNext(t.db, endpoint.id)).toEqual({ state: "stopped" });
    await reenableEndpoint(t.db, endpoint.id);
    expect((await endpointCountsByKey(t.db)).get(key.id)?.disabled).toBe(0);
  });

  it("disables at once on 410 Gone", async () => {
    const p = await seedPerson(t);
    const { key, endpoint } = await keyWithEndpoint("/gone");
    await touch(p.id, "x");
    await fanOut();
    script.set("/gone", [410]);
    expect(await deliverNext(t.db, endpoint.id)).toMatchObject({ state: "failed" });
    const [e] = await listWebhookEndpoints(t.db, key.id);
    expect(e).toMatchObject({ status: "disabled", disabledReason: "The endpoint answered 410 Gone" });
  });

  it("holds deliveries while the site is in staging and sends nothing", async () => {
    const p = await seedPerson(t);
    const { endpoint } = await keyWithEndpoint("/staging");
    await t.db.update(siteSettings).set({ launched: false }).where(eq(siteSettings.id, 1));
    try {
      await touch(p.id, "held");
      await fanOut();
      expect((await deliveriesOf(endpoint.id)).map((d) => d.status)).toEqual(["held"]);
      expect(await deliverNext(t.db, endpoint.id)).toEqual({ state: "idle" });
      expect(gotAt("/staging")).toHaveLength(0);
    } finally {
      await t.db.update(siteSettings).set({ launched: true }).where(eq(siteSettings.id, 1));
    }
  });

  it("signs with both secrets while a secret is rotated, with the new one only afterwards", async () => {
    const p = await seedPerson(t);
    const { endpoint, secret: old } = await keyWithEndpoint("/rotate");
    const fresh = await rotateSigningSecret(t.db, endpoint.id, 3600_000);
    await touch(p.id, "r1");
    await fanOut();
    await deliverNext(t.db, endpoint.id);
    const during = gotAt("/rotate")[0];
    expect(new Webhook(old).verify(during.body, during.headers)).toBeTruthy();
    expect(new Webhook(fresh).verify(during.body, during.headers)).toBeTruthy();
    const newest = await rotateSigningSecret(t.db, endpoint.id, 0);
    await touch(p.id, "r2");
    await fanOut();
    await deliverNext(t.db, endpoint.id);
    const after = gotAt("/rotate")[1];
    expect(new Webhook(newest).verify(after.body, after.headers)).toBeTruthy();
    expect(() => new Webhook(fresh).verify(after.body, after.headers)).toThrow();
  });

  it("checks the target again at delivery: a name now resolving to a private address is refused", async () => {
    const p = await seedPerson(t);
    const { endpoint } = await keyWithEndpoint("/rebind");
    const port = new URL(base).port;
    await t.db
      .update(webhookEndpoints)
      .set({ url: `http://rebind.example.com:${port}/rebind` })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await t.db.update(siteSettings).set({ allowPrivateTargets: false }).where(eq(siteSettings.id, 1));
    try {
      await touch(p.id, "dns");
      await fanOut();
      const r = await deliverNext(t.db, endpoint.id, {
        resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      });
      expect(r.state).toBe("retry");
      expect(gotAt("/rebind")).toHaveLength(0);
      const [d] = await deliveriesOf(endpoint.id);
      expect(d.lastError).toMatch(/private, loopback/);
    } finally {
      await t.db.update(siteSettings).set({ allowPrivateTargets: true }).where(eq(siteSettings.id, 1));
    }
  });

  it("Replay sends the same payload again under a new webhook-id", async () => {
    const p = await seedPerson(t);
    const { endpoint } = await keyWithEndpoint("/replay");
    await touch(p.id, "again");
    await fanOut();
    await deliverNext(t.db, endpoint.id);
    const [original] = await deliveriesOf(endpoint.id);
    // A delivery id from another endpoint is refused, and nothing is queued.
    await expect(replayDelivery(t.db, crypto.randomUUID(), original.id, false)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    const copy = await replayDelivery(t.db, endpoint.id, original.id, false);
    expect(copy).toMatchObject({ replayOf: original.id, status: "pending", payload: original.payload });
    await deliverNext(t.db, endpoint.id);
    const [a, b] = gotAt("/replay");
    expect(b.body).toBe(a.body);
    expect(b.id).not.toBe(a.id);
  });

  it("a deleted key's waiting deliveries end unsent", async () => {
    const p = await seedPerson(t);
    const { key, endpoint } = await keyWithEndpoint("/revoked");
    await touch(p.id, "bye");
    await fanOut();
    await revokeApiKey(t.db, key.id);
    expect(await deliverNext(t.db, endpoint.id)).toEqual({ state: "stopped" });
    expect(gotAt("/revoked")).toHaveLength(0);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({
      status: "failed",
      lastError: "The API key was deleted",
    });
  });

  it("makes one attempt at a time per endpoint", async () => {
    const p = await seedPerson(t);
    const { endpoint } = await keyWithEndpoint("/slow");
    slow.add("/slow");
    await touch(p.id, "s1");
    await touch(p.id, "s2");
    await fanOut();
    const both = await Promise.all([deliverNext(t.db, endpoint.id), deliverNext(t.db, endpoint.id)]);
    expect(both.map((r) => r.state).sort()).toEqual(["busy", "delivered"]);
    expect(gotAt("/slow")).toHaveLength(1);
  });
});

describe("the durable workflow", () => {
  it("delivers through the executor and retries a failed attempt with the same webhook-id", async () => {
    const executor = await startExecutor(t, inngest, [webhookDeliver]);
    try {
      const p = await seedPerson(t);
      const { endpoint } = await keyWithEndpoint("/workflow");
      script.set("/workflow", [500]);
      await touch(p.id, "wf");
      await fanOut(); // sends guildhall/webhook.pending after its commit
      const [d] = await waitFor(async () => {
        const rows = await deliveriesOf(endpoint.id);
        return rows[0]?.status === "delivered" ? rows : null;
      }, 20_000);
      expect(d.attempts).toBe(2);
      const got = gotAt("/workflow");
      expect(got.map((g) => g.id)).toEqual([d.messageId, d.messageId]);
    } finally {
      await executor.stop();
    }
  }, 30_000);
});
