// Issue 17, the sharing site's side: GET /api/v1/key describes exactly what the calling key may see, and a key
// registers, lists and deletes its own webhook endpoints (through the same URL guard as staff), never another
// key's and never staff's.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomField } from "@/db/queries/custom-fields";
import { listWebhookEndpoints } from "@/db/queries/webhooks";
import { siteSettings } from "@/db/schema";
import { customFieldInputSchema } from "@/lib/schemas/admin";
import { lockedMemberFields } from "@/lib/schemas/member-fields";
import { revealSigningSecret, setWebhookUrls } from "@/lib/webhooks/endpoints";
import { call, closeTestHandle, seedGroup, seedKey, seedPerson, useTestHandle } from "@/test/api-harness";
import { createTestDb, type TestDb } from "@/test/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  for (const key of ["chapter", "secret_note"])
    await createCustomField(
      t.db,
      customFieldInputSchema.parse({ entity: "person", key, label: key, type: "text" }),
      "cli",
    );
});
afterAll(() => closeTestHandle(t));

const setSite = (values: { launched?: boolean; allowPrivateTargets?: boolean; siteName?: string }) =>
  t.db
    .insert(siteSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: siteSettings.id, set: values });

describe("GET /api/v1/key", () => {
  it("a group-limited key: its group, the live count, its fields and custom fields only", async () => {
    await setSite({ siteName: "North Chapter", launched: false });
    const inside = [await seedPerson(t), await seedPerson(t)];
    await seedPerson(t); // outside the group
    const groupId = await seedGroup(
      t,
      inside.map((p) => ({ type: "person" as const, id: p.id })),
    );
    const { secret } = await seedKey(t, {
      name: "feed for South",
      limitMemberData: true,
      groupId,
      memberFields: ["email"],
      customFieldKeys: ["chapter"],
    });
    const r = await call("GET /api/v1/key", { key: secret });
    expect(r.status).toBe(200);
    const d = r.body.data;
    expect(d.site).toMatchObject({ name: "North Chapter", launched: false });
    expect(d.key).toEqual({ name: "feed for South" });
    expect(d.families).toEqual({ members: true, events: true, registrations: true });
    expect(d.scope).toMatchObject({ limited: true, group: { id: groupId }, member_count: 2 });
    expect([...d.member_fields].sort()).toEqual([...lockedMemberFields, "email"].sort());
    expect(d.custom_fields.map((f: { key: string }) => f.key)).toEqual(["chapter"]);

    // The count is live: a third member counts at once.
    const list = await call("GET /api/v1/members?limit=200", { key: secret });
    expect(d.scope.member_count).toBe(list.body.data.length);
  });

  it("a key without membership access learns no member count, fields or custom fields", async () => {
    await setSite({ launched: true });
    const { secret } = await seedKey(t, { name: "events only", memberAccess: false });
    const d = (await call("GET /api/v1/key", { key: secret })).body.data;
    expect(d.site.launched).toBe(true);
    expect(d.families).toEqual({ members: false, events: true, registrations: false });
    expect(d.scope.member_count).toBe(0);
    expect(d.member_fields).toEqual([]);
    expect(d.custom_fields).toEqual([]);
  });

  it("answers 401 without a valid key", async () => {
    expect((await call("GET /api/v1/key", { key: "gk_not_a_key" })).status).toBe(401);
  });
});

describe("webhook endpoints a key registers for itself", () => {
  it("go through the URL guard, show the secret once, and stay the calling key's own", async () => {
    await setSite({ allowPrivateTargets: false });
    const a = await seedKey(t, { name: "A" });
    const b = await seedKey(t, { name: "B" });
    const url = "http://127.0.0.1:9/hooks/guildhall";
    const refused = await call("POST /api/v1/webhook-endpoints", { key: a.secret, body: { url } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe("url");
    expect(await listWebhookEndpoints(t.db, a.key.id)).toEqual([]);

    await setSite({ allowPrivateTargets: true });
    const created = await call("POST /api/v1/webhook-endpoints", {
      key: a.secret,
      body: { url, description: "API feed of South" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ url, registered_by: "api", description: "API feed of South" });
    expect(created.body.data.secret).toMatch(/^whsec_/);
    const [row] = await listWebhookEndpoints(t.db, a.key.id);
    expect(revealSigningSecret(row)).toBe(created.body.data.secret);
    expect((await call("POST /api/v1/webhook-endpoints", { key: a.secret, body: { url } })).status).toBe(409);

    const listed = await call("GET /api/v1/webhook-endpoints", { key: a.secret });
    expect(listed.body.data).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.data.secret);
    expect((await call("GET /api/v1/webhook-endpoints", { key: b.secret })).body.data).toEqual([]);
    const id = created.body.data.id as string;
    expect((await call(`DELETE /api/v1/webhook-endpoints/${id}`, { key: b.secret })).status).toBe(404);

    // Staff editing the key's URL list leave the self-registered endpoint alone, and keep their own.
    await setWebhookUrls(t.db, a.key.id, ["http://127.0.0.1:9/staff"]);
    const both = (await call("GET /api/v1/webhook-endpoints", { key: a.secret })).body.data;
    expect(both.map((e: { registered_by: string }) => e.registered_by).sort()).toEqual(["api", "staff"]);
    const staffId = both.find((e: { registered_by: string }) => e.registered_by === "staff").id;
    expect((await call(`DELETE /api/v1/webhook-endpoints/${staffId}`, { key: a.secret })).status).toBe(403);

    expect((await call(`DELETE /api/v1/webhook-endpoints/${id}`, { key: a.secret })).status).toBe(204);
    const after = (await call("GET /api/v1/webhook-endpoints", { key: a.secret })).body.data;
    expect(after.map((e: { id: string }) => e.id)).toEqual([staffId]);
    await t.db.update(siteSettings).set({ allowPrivateTargets: false }).where(eq(siteSettings.id, 1));
  });

  it("refuse bad bodies naming the field, and unknown fields", async () => {
    const a = await seedKey(t, { name: "bad bodies" });
    for (const body of [{}, { url: "" }, { url: "ftp://x.example/" }, { url: "https://x.test/", extra: 1 }]) {
      const r = await call("POST /api/v1/webhook-endpoints", { key: a.secret, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(await listWebhookEndpoints(t.db, a.key.id)).toEqual([]);
  });
});
