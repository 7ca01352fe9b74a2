// Saving keys from the staff side and the CLI: validation naming fields, SSRF at save, webhook endpoints
// kept in step, test events signed and verified by a receiver, preview = what the API returns.
import http from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listWebhookEndpoints } from "@/db/queries/webhooks";
import { revealSigningSecret } from "@/lib/webhooks/endpoints";
import { updateSiteSettings } from "@/db/queries/site-settings";
import { createTestDb, type TestDb } from "@/test/db";
import { sendTestEvent } from "@/lib/webhooks/test-event";
import { saveApiKey } from "./lifecycle";
import { memberJsonSchemaFor, previewApiKey } from "@/lib/api/preview";
import { call, closeTestHandle, seedGroup, seedPerson, useTestHandle } from "@/test/api-harness";

let t: TestDb;
let server: http.Server;
let port = 0;
const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await closeTestHandle(t);
});

describe("saving keys", () => {
  it("names the offending fields and writes nothing", async () => {
    await expect(saveApiKey(t.db, null, { name: "", memberFields: ["nope"] })).rejects.toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "name" }, { field: "memberFields.0" }] },
    });
    await expect(
      saveApiKey(t.db, null, {
        name: "x",
        limitMemberData: true,
        groupId: "00000000-0000-4000-8000-000000000000",
      }),
    ).rejects.toMatchObject({ details: { fields: [{ field: "groupId" }] } });
    await expect(
      saveApiKey(t.db, null, {
        name: "x",
        webhookUrls: ["https://93.184.216.34/ok", "http://[::ffff:127.0.0.1]/x"],
      }),
    ).rejects.toMatchObject({ details: { fields: [{ field: "webhookUrls.1" }] } });
    expect((await t.sql`select count(*)::int as n from api_keys`)[0].n).toBe(0);
  });

  it("reports every bad webhook URL, and saves a host name that does not resolve yet", async () => {
    await expect(
      saveApiKey(t.db, null, {
        name: "x",
        webhookUrls: ["ftp://files.invalid/x", "http://10.0.0.7/hook", "http://localhost/hook"],
      }),
    ).rejects.toMatchObject({
      details: {
        fields: [{ field: "webhookUrls.0" }, { field: "webhookUrls.1" }, { field: "webhookUrls.2" }],
      },
    });
    // .invalid never resolves (RFC 6761): at save only syntax and literal addresses are checked; each
    // delivery resolves the name and checks the address (lib/webhooks/deliver.ts).
    const { key } = await saveApiKey(t.db, null, {
      name: "partner not live yet",
      webhookUrls: ["https://hooks.partner-not-live.invalid/guildhall"],
    });
    expect((await listWebhookEndpoints(t.db, key.id)).map((e) => e.url)).toEqual([
      "https://hooks.partner-not-live.invalid/guildhall",
    ]);
  });

  it("keeps endpoints in step; a test event is signed with the endpoint's secret", async () => {
    await updateSiteSettings(t.db, { allowPrivateTargets: true }, "cli");
    const hook = `http://127.0.0.1:${port}/hook`;
    const { key, secret } = await saveApiKey(t.db, null, { name: "hooks", webhookUrls: [hook] });
    expect(secret).toMatch(/^gk_/);
    const [endpoint] = await listWebhookEndpoints(t.db, key.id);
    expect(endpoint.secretEncrypted).not.toContain("whsec_");
    const result = await sendTestEvent(t.db, endpoint.id);
    expect(result.status).toBe(204);
    const last = got.at(-1)!;
    const verified = new Webhook(revealSigningSecret(endpoint)).verify(
      last.body,
      last.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: "test" });
    await saveApiKey(t.db, key.id, { name: "hooks", webhookUrls: [hook, `${hook}2`] });
    const after = await listWebhookEndpoints(t.db, key.id);
    expect(after.map((e) => e.url)).toEqual([hook, `${hook}2`]);
    expect(after[0].secretEncrypted).toBe(endpoint.secretEncrypted);
    await updateSiteSettings(t.db, { allowPrivateTargets: false }, "cli");
    await expect(sendTestEvent(t.db, endpoint.id)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("the preview shows exactly what the API returns", async () => {
    const p = await seedPerson(t);
    await seedPerson(t);
    const group = await seedGroup(t, [{ type: "person", id: p.id }]);
    const { key, secret } = await saveApiKey(t.db, null, {
      name: "preview",
      limitMemberData: true,
      groupId: group,
      memberFields: ["email", "job_title"],
    });
    const preview = await previewApiKey(t.db, key);
    expect(preview.count).toBe(1);
    expect(preview.chosen).toEqual(["email", "job_title"]);
    const api = await call(`GET /api/v1/members/${p.id}`, { key: secret });
    expect(preview.sample).toEqual(api.body.data);
    const schema = memberJsonSchemaFor(key) as { properties: Record<string, unknown> };
    // The schema lists every field the key may receive (a company's `name` too); nothing else.
    expect(Object.keys(schema.properties).sort()).toEqual([...Object.keys(api.body.data), "name"].sort());
  });
});
