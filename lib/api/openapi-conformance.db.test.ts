// Real responses of every endpoint validate against the served OpenAPI document (ajv, JSON Schema 2020-12).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/db/queries/events";
import { registerPerson } from "@/lib/records/registrations";
import { createTestDb, type TestDb } from "@/test/db";
import { GET as openapiGET } from "@/app/api/v1/openapi.json/route";
import { call, seedCompany, seedKey, seedPerson, useTestHandle, closeTestHandle } from "@/test/api-harness";

let t: TestDb;
let doc: {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const ids: Record<string, string> = {};
let key = "";

beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  doc = await openapiGET().json();
  ajv.addSchema(doc, "doc");
  const p = await seedPerson(t, { joinDate: "2025-01-01" });
  await seedCompany(t, { emailDomains: ["acme.test"] });
  const e = await createEvent(
    t.db,
    { name: "Gala", description: "", startsAt: new Date("2026-12-01T18:00:00Z") } as never,
    "cli",
  );
  await registerPerson(t.db, { eventId: e.id, personId: p.id }, "cli");
  ids.person = p.id;
  ids.event = e.id;
  key = (await seedKey(t, { name: "conformance" })).secret;
});
afterAll(() => closeTestHandle(t));

function validate(path: string, method: string, status: number, body: unknown) {
  const op = doc.paths[path]?.[method.toLowerCase()];
  expect(op, `${method} ${path} documented`).toBeTruthy();
  const response = op.responses[String(status)];
  expect(response, `${method} ${path} ${status} documented`).toBeTruthy();
  const pointer = `doc#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  const ok = ajv.validate({ $ref: pointer }, body);
  expect(ok ? null : ajv.errorsText(), `${method} ${path} ${status}`).toBeNull();
}

describe("OpenAPI conformance", () => {
  it("serves an OpenAPI 3.1 document", () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
  });

  it.each([
    ["GET", "/api/v1/members", () => "/api/v1/members?limit=1"],
    ["GET", "/api/v1/members", () => "/api/v1/members?limit=500"],
    ["GET", "/api/v1/members/{id}", () => `/api/v1/members/${ids.person}`],
    ["GET", "/api/v1/members/{id}", () => "/api/v1/members/nope"],
    ["PATCH", "/api/v1/people/{id}", () => `/api/v1/people/${ids.person}`],
    ["POST", "/api/v1/people", () => "/api/v1/people"],
    ["GET", "/api/v1/events", () => "/api/v1/events"],
    ["GET", "/api/v1/events/{id}", () => `/api/v1/events/${ids.event}`],
    ["GET", "/api/v1/events/{id}/registrations", () => `/api/v1/events/${ids.event}/registrations`],
    ["GET", "/api/v1/custom-fields", () => "/api/v1/custom-fields"],
    ["GET", "/api/v1/changes", () => "/api/v1/changes"],
  ])("%s %s (%#)", async (method, path, target) => {
    const body =
      method === "POST"
        ? { first_name: "New", last_name: "Person", email: `n${Date.now()}@example.org` }
        : method === "PATCH"
          ? { job_title: "Chair" }
          : undefined;
    const res = await call(`${method} ${target()}`, { key, body });
    expect(res.status).toBeLessThan(500);
    validate(path, method, res.status, res.body);
  });

  it("an unauthenticated error matches too", async () => {
    const res = await call("GET /api/v1/members");
    validate("/api/v1/members", "GET", res.status, res.body);
  });
});
