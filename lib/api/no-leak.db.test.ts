// Property: for random keys (group, fields, custom fields, access toggles) over random records, list,
// get, the changes feed and webhooks never show a record outside the key's scope nor a field outside its set.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { setPersonActive } from "@/lib/records/people";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { startFollowerAt, webhookFollowerOf } from "@/db/queries/followers";
import { fanOutWebhooksOnce } from "@/lib/changes/webhook-fan-out";
import { sealSecret } from "@/lib/core/crypto";
import { createTestDb, type TestDb } from "@/test/db";
import { lockedMemberFields, optionalMemberFields } from "@/lib/schemas/member-fields";
import {
  call,
  seedCompany,
  seedGroup,
  seedKey,
  seedPerson,
  useTestHandle,
  closeTestHandle,
} from "@/test/api-harness";

let t: TestDb;
type Rec = { type: "person" | "company"; id: string; active: boolean };
const records: Rec[] = [];
const customKeys = ["level", "secret_note"];

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  for (const key of customKeys)
    for (const entity of ["person", "company"])
      await t.sql`insert into custom_fields (entity, key, label, type) values (${entity}, ${key}, ${key}, 'text')`;
  for (let i = 0; i < 10; i++) {
    const p = await seedPerson(t, { custom: { level: `L${i}`, secret_note: `S${i}` } });
    const active = i % 4 !== 3;
    if (!active) await setPersonActive(t.db, p.id, false, "cli");
    records.push({ type: "person", id: p.id, active });
  }
  for (let i = 0; i < 4; i++) {
    const c = await seedCompany(t, { custom: { level: `C${i}`, secret_note: `X${i}` } });
    records.push({ type: "company", id: c.id, active: true });
  }
});
afterAll(() => closeTestHandle(t));

const keyArb = fc.record({
  limit: fc.boolean(),
  withGroup: fc.boolean(),
  members: fc.subarray([...Array(14).keys()]),
  fields: fc.subarray(optionalMemberFields),
  custom: fc.subarray(customKeys),
  memberAccess: fc.boolean(),
  eventAccess: fc.boolean(),
});

function allowedKeysOf(
  k: fc.Arbitrary<unknown> extends never ? never : { limit: boolean; fields: string[] },
) {
  return new Set(
    k.limit
      ? [...lockedMemberFields, ...k.fields, "custom"]
      : [...lockedMemberFields, ...optionalMemberFields, "custom"],
  );
}

describe("no leak", () => {
  it("list, get, changes and webhooks stay inside the key's scope and fields", async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, async (k) => {
        const chosen = k.members.map((i) => records[i]);
        const group = k.withGroup ? await seedGroup(t, chosen) : null;
        const { key, secret } = await seedKey(t, {
          name: "prop",
          limitMemberData: k.limit,
          groupId: group,
          memberFields: k.fields,
          customFieldKeys: k.custom,
          memberAccess: k.memberAccess,
          eventAccess: k.eventAccess,
          rateLimitPerSecond: null,
          rateLimitPerMinute: null,
        });
        const scoped = k.limit && group;
        const inScope = new Set(
          records.filter((r) => r.active && (!scoped || chosen.includes(r))).map((r) => r.id),
        );
        const allowed = allowedKeysOf(k);
        const allowedCustom = k.limit ? new Set(k.custom) : new Set(customKeys);
        const checkRecord = (m: Record<string, unknown>) => {
          expect(inScope.has(m.id as string)).toBe(true);
          for (const f of Object.keys(m)) expect(allowed.has(f)).toBe(true);
          for (const c of Object.keys((m.custom as object) ?? {})) expect(allowedCustom.has(c)).toBe(true);
          if (k.limit && k.custom.length === 0) expect(m.custom).toBeUndefined();
        };

        const list = await call("GET /api/v1/members?limit=200", { key: secret });
        if (!k.memberAccess) expect(list.status).toBe(403);
        else {
          expect(list.status).toBe(200);
          list.body.data.forEach(checkRecord);
          expect(new Set(list.body.data.map((m: { id: string }) => m.id))).toEqual(inScope);
        }
        for (const r of records) {
          const one = await call(`GET /api/v1/members/${r.id}`, { key: secret });
          if (!k.memberAccess) expect(one.status).toBe(403);
          else if (inScope.has(r.id)) checkRecord(one.body.data);
          else expect(one.status).toBe(404);
        }
        const checkEntry = (c: { record_type: string; op: string; id: string; data: unknown }) => {
          if (c.record_type !== "person" && c.record_type !== "company") return;
          expect(k.memberAccess).toBe(true);
          if (c.op === "upsert") checkRecord(c.data as Record<string, unknown>);
          // A tombstone may only name a record the key could once see: deactivated ones in its scope.
          else
            expect(
              records.find((r) => r.id === c.id && !r.active && (!scoped || chosen.includes(r))),
            ).toBeTruthy();
        };
        const feed = await call("GET /api/v1/changes?limit=500", { key: secret });
        expect(feed.status).toBe(200);
        feed.body.data.forEach(checkEntry);

        // Webhooks: an endpoint following the whole history of this key's feed.
        const [endpoint] = await t.db
          .insert(webhookEndpoints)
          .values({
            apiKeyId: key.id,
            url: "https://hooks.example.com/x",
            secretEncrypted: sealSecret("webhook-signing-secrets", "whsec_x"),
          })
          .returning();
        await startFollowerAt(t.db, webhookFollowerOf(key.id), { position: "" });
        await t.db.execute(sql`insert into outbox_followers (name, cursor)
          values ('groups', (select coalesce(max(cursor), 0) from changes))
          on conflict (name) do update set cursor = excluded.cursor`);
        await fanOutWebhooksOnce(t.db);
        const sent = await t.db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.endpointId, endpoint.id));
        expect(sent.length).toBe(feed.body.data.length);
        for (const d of sent) {
          const { data } = JSON.parse(d.payload);
          checkEntry({ ...data, data: data.record });
        }
        // Only this key's endpoint is followed in the next rounds.
        await t.db
          .update(webhookEndpoints)
          .set({ status: "disabled" })
          .where(eq(webhookEndpoints.id, endpoint.id));
      }),
      { numRuns: 30 },
    );
  });
});
