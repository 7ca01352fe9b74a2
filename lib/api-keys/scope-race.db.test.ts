// Property (issue 15 §2): random writes racing random reads and deliveries; no response ever holds a
// record's data as of a moment when it was outside the key's group. Every write stamps the person with a
// fresh token (their phone) and moves them in or out of the group (their job title): a response or a
// webhook payload carrying a token written while the person was OUT is a leak, whenever it is read; and a
// webhook for a write carries that write's token, never a later one.
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { startFollowerAt, webhookFollowerOf } from "@/db/queries/followers";
import { catchUpGroups } from "@/lib/changes/group-membership";
import { fanOutWebhooksOnce } from "@/lib/changes/webhook-fan-out";
import { sealSecret } from "@/lib/core/crypto";
import { createGroup } from "@/lib/groups/definitions";
import { updatePerson } from "@/lib/records/people";
import { call, closeTestHandle, seedKey, seedPerson, useTestHandle } from "@/test/api-harness";
import { createTestDb, type TestDb } from "@/test/db";

let t: TestDb;
let secret: string;
let endpointId: string;
const people: string[] = [];
/** token → whether the write that set it left the person inside the group */
const inside = new Map<string, boolean>();

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  const group = await createGroup(
    t.db,
    { name: "Insiders", recordTypes: "people", conditions: { field: "job_title", op: "eq", value: "in" } },
    "cli",
  );
  for (let i = 0; i < 8; i++) {
    const phone = `t-seed-${i}`;
    people.push((await seedPerson(t, { jobTitle: i % 2 ? "in" : "out", phone })).id);
    inside.set(phone, i % 2 === 1);
  }
  await catchUpGroups(t);
  const key = await seedKey(t, {
    name: "race",
    limitMemberData: true,
    groupId: group.id,
    memberFields: ["phone", "job_title"],
    rateLimitPerSecond: null,
    rateLimitPerMinute: null,
  });
  secret = key.secret;
  const [endpoint] = await t.db
    .insert(webhookEndpoints)
    .values({
      apiKeyId: key.key.id,
      url: "https://hooks.example.com/race",
      secretEncrypted: sealSecret("webhook-signing-secrets", "whsec_x"),
    })
    .returning();
  endpointId = endpoint.id;
  await startFollowerAt(t.db, webhookFollowerOf(key.key.id), { position: "" });
});
afterAll(() => closeTestHandle(t));

type Seen = { phone?: string | null; job_title?: string | null };
const leaks: string[] = [];
function check(where: string, r: Seen | null | undefined) {
  if (!r || r.phone == null) return;
  const ok = inside.get(r.phone);
  if (ok === undefined) leaks.push(`${where}: unknown token ${r.phone}`);
  else if (!ok) leaks.push(`${where}: ${r.phone} was written while outside the group`);
}

describe("scope under racing writes and reads", () => {
  it("never shows data of a moment when the record was outside the key's group", async () => {
    let reads = 0;
    let feedCursor = "";
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ who: fc.nat(people.length - 1), in: fc.boolean() }), {
          minLength: 10,
          maxLength: 30,
        }),
        async (writes) => {
          leaks.length = 0; // each run (and each shrink) is judged on its own reads
          let done = false;
          let n = 0;
          const writer = (async () => {
            for (const w of writes) {
              const phone = `t-${++n}-${Math.random().toString(36).slice(2, 8)}`;
              inside.set(phone, w.in); // known before the write commits, so no read can see it first
              await updatePerson(t.db, people[w.who], { phone, jobTitle: w.in ? "in" : "out" }, "cli");
            }
            done = true;
          })();
          const reader = (async () => {
            while (!done) {
              const id = people[reads++ % people.length];
              const one = await call(`GET /api/v1/members/${id}`, { key: secret });
              if (one.status === 200) check("get", one.body.data);
              const list = await call("GET /api/v1/members?limit=200", { key: secret });
              for (const r of list.body.data) check("list", r);
              const feed = await call(`GET /api/v1/changes?limit=200&cursor=${feedCursor}`, { key: secret });
              for (const e of feed.body.data) check("feed", e.data);
              feedCursor = feed.body.next_cursor;
            }
          })();
          const deliveries = (async () => {
            while (!done) {
              await catchUpGroups(t);
              await fanOutWebhooksOnce(t.db);
            }
          })();
          await Promise.all([writer, reader, deliveries]);
          await catchUpGroups(t);
          await fanOutWebhooksOnce(t.db);
          const sent = await t.db
            .select({ payload: webhookDeliveries.payload })
            .from(webhookDeliveries)
            .where(eq(webhookDeliveries.endpointId, endpointId));
          const perWrite = new Map<string, number>();
          for (const d of sent) {
            const { data } = JSON.parse(d.payload);
            check("webhook", data.record);
            // A write's payload is the record as of THAT write: two update deliveries never carry the
            // same write's token (a superseded entry is skipped rather than sent with later data).
            if (data.reason === "updated" && data.record?.phone)
              perWrite.set(data.record.phone, (perWrite.get(data.record.phone) ?? 0) + 1);
          }
          expect([...perWrite].filter(([, times]) => times > 1)).toEqual([]);
          expect(leaks).toEqual([]);
        },
      ),
      { numRuns: 8 },
    );
    // The property was exercised: reads happened and webhooks carried data.
    expect(reads).toBeGreaterThan(8);
    const [{ n }] = (await t.db.execute(
      sql`select count(*)::int as n from webhook_deliveries where event_type = 'person.updated'`,
    )) as unknown as { n: number }[];
    expect(n).toBeGreaterThan(0);
  });
});
