// The OpenAPI 3.1 document, generated from the same zod schemas the handlers use (zod 4's JSON Schema
// output is 2020-12, which OpenAPI 3.1 adopts as is).
import { z } from "zod";
import * as s from "./schemas";
import { MAX_BODY_BYTES } from "./handler";

const named = {
  Error: s.errorSchema,
  Member: s.memberSchema,
  MemberList: s.memberListSchema,
  MemberResponse: s.memberResponseSchema,
  PersonWrite: s.personWriteSchema,
  PersonPatch: s.personPatchWireSchema,
  PersonCreated: s.personCreatedSchema,
  Event: s.eventSchema,
  EventList: s.eventListSchema,
  EventResponse: s.eventResponseSchema,
  Registration: s.registrationSchema,
  RegistrationList: s.registrationListSchema,
  CustomField: s.customFieldSchema,
  CustomFieldList: s.customFieldListSchema,
  Change: s.changeSchema,
  ChangeList: s.changeListSchema,
  WebhookEvent: s.webhookEventSchema,
  KeyInfo: s.keyInfoSchema,
  WebhookEndpoint: s.webhookEndpointSchema,
  WebhookEndpointList: s.webhookEndpointListSchema,
  WebhookEndpointCreate: s.webhookEndpointCreateSchema,
  WebhookEndpointCreated: s.webhookEndpointCreatedSchema,
};

const ref = (name: keyof typeof named) => ({ $ref: `#/components/schemas/${name}` });
const json = (
  name: keyof typeof named,
  description: string,
  headers?: Record<string, unknown>,
  example?: unknown,
) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: ref(name), ...(example ? { example } : {}) } },
});
const err = (d: string) =>
  json("Error", d, undefined, {
    error: { code: "invalid_input", message: "limit: Too big: expected ≤ 500" },
  });

// Examples: what a key allowed names, email and one custom field would see (ids are made up).
const examplePerson = {
  id: "5b0e8f2e-3c1a-4d6e-9f10-2a7b8c9d0e1f",
  type: "person",
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@members.test",
  custom: { chapter: "North" },
  updated_at: "2026-11-30T09:15:00.000Z",
};
const exampleEntry = {
  cursor: "c_MTIzNA",
  record_type: "person",
  id: examplePerson.id,
  op: "upsert",
  reason: "updated",
  at: "2026-11-30T09:15:00.000Z",
  data: examplePerson,
};
const common = {
  "401": err("Missing, malformed, unknown, revoked or expired API key"),
  "429": err("Rate limited; see Retry-After"),
  "500": err("Unexpected server error"),
};
const etag = { ETag: { schema: { type: "string" }, description: "Send back in If-Match to update safely" } };

const withoutDialect = ({ $schema: _s, ...rest }: Record<string, unknown>) => rest;
function queryParams(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: withoutDialect(z.toJSONSchema(field as z.ZodType, { io: "input", unrepresentable: "any" })),
  }));
}
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

export function buildOpenApi(serverUrl = "/") {
  const schemas = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }).schemas as Record<string, Record<string, unknown>>;
  const components = Object.fromEntries(
    Object.keys(named).map((k) => {
      const { $schema: _s, $id: _i, ...rest } = schemas[k] ?? {};
      return [k, rest];
    }),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Guildhall API",
      version: "1.0.0",
      description:
        "Keyed REST API. Send `Authorization: Bearer gk_…`. Every error is `{ error: { code, message, details? } }`. " +
        `Bodies over ${MAX_BODY_BYTES} bytes get 413. Responses carry only the fields the key allows.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key, gk_…" } },
      schemas: components,
    },
    webhooks: webhooks(),
    paths: {
      "/api/v1/members": {
        get: {
          operationId: "listMembers",
          summary: "List people and companies in the key's scope",
          parameters: queryParams(s.memberListQuery),
          responses: {
            "200": json("MemberList", "A page", undefined, { data: [examplePerson], next_cursor: "c_NTA" }),
            "400": err("Invalid query"),
            "403": err("No membership access"),
            ...common,
          },
        },
      },
      "/api/v1/members/{id}": {
        get: {
          operationId: "getMember",
          summary: "One person or company",
          parameters: [idParam],
          responses: {
            "200": json("MemberResponse", "The member", etag),
            "403": err("No membership access"),
            "404": err("Not found or outside the key's scope"),
            ...common,
          },
        },
      },
      "/api/v1/people": {
        post: {
          operationId: "createPerson",
          summary: "Create a person (held for approval when the key follows signup protection)",
          requestBody: { required: true, content: { "application/json": { schema: ref("PersonWrite") } } },
          responses: {
            "201": json("PersonCreated", "Created", etag),
            "400": err("Invalid input; details.fields names them"),
            "403": err("No membership access"),
            "409": err("Email already in use"),
            "413": err("Body too large"),
            ...common,
          },
        },
      },
      "/api/v1/people/{id}": {
        patch: {
          operationId: "updatePerson",
          summary: "Update a person (partial)",
          parameters: [
            idParam,
            { name: "If-Match", in: "header", required: false, schema: { type: "string" } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("PersonPatch") } } },
          responses: {
            "200": json("MemberResponse", "Updated", etag),
            "400": err("Invalid input; server-owned fields are refused by name"),
            "403": err("No membership access"),
            "404": err("Not found or outside the key's scope"),
            "409": err("Email already in use"),
            "412": err("Stale If-Match"),
            "413": err("Body too large"),
            ...common,
          },
        },
      },
      "/api/v1/events": {
        get: {
          operationId: "listEvents",
          summary: "Events",
          parameters: queryParams(s.pageQuery),
          responses: {
            "200": json("EventList", "A page"),
            "400": err("Invalid query"),
            "403": err("No event access"),
            ...common,
          },
        },
      },
      "/api/v1/events/{id}": {
        get: {
          operationId: "getEvent",
          summary: "One event",
          parameters: [idParam],
          responses: {
            "200": json("EventResponse", "The event"),
            "403": err("No event access"),
            "404": err("Not found"),
            ...common,
          },
        },
      },
      "/api/v1/events/{id}/registrations": {
        get: {
          operationId: "listEventRegistrations",
          summary: "Registrations of people in the key's scope",
          parameters: [idParam, ...queryParams(s.pageQuery)],
          responses: {
            "200": json("RegistrationList", "A page"),
            "400": err("Invalid query"),
            "403": err("No event or membership access"),
            "404": err("Not found"),
            ...common,
          },
        },
      },
      "/api/v1/custom-fields": {
        get: {
          operationId: "listCustomFields",
          summary: "Custom fields the key may see",
          responses: {
            "200": json("CustomFieldList", "The fields"),
            "403": err("No membership access"),
            ...common,
          },
        },
      },
      "/api/v1/key": {
        get: {
          operationId: "getKeyInfo",
          summary: "What this key may see, and whether the site is launched",
          responses: { "200": json("KeyInfo", "The key's view"), ...common },
        },
      },
      "/api/v1/webhook-endpoints": {
        get: {
          operationId: "listWebhookEndpoints",
          summary: "This key's webhook endpoints (staff-entered and self-registered)",
          responses: { "200": json("WebhookEndpointList", "The endpoints"), ...common },
        },
        post: {
          operationId: "createWebhookEndpoint",
          summary: "Register a webhook endpoint for this key (the signing secret is shown once)",
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("WebhookEndpointCreate") } },
          },
          responses: {
            "201": json("WebhookEndpointCreated", "Registered; deliveries start from now"),
            "400": err("Invalid or refused URL (private, loopback or unresolvable host)"),
            "409": err("Already registered, or too many endpoints"),
            "413": err("Body too large"),
            ...common,
          },
        },
      },
      "/api/v1/webhook-endpoints/{id}": {
        delete: {
          operationId: "deleteWebhookEndpoint",
          summary: "Remove a webhook endpoint this key registered",
          parameters: [idParam],
          responses: {
            "204": { description: "Removed" },
            "403": err("Staff added this endpoint; only they can remove it"),
            "404": err("No such endpoint of this key"),
            ...common,
          },
        },
      },
      "/api/v1/changes": {
        get: {
          operationId: "listChanges",
          summary: "What changed for this key since a cursor, tombstones included",
          parameters: queryParams(s.changesQuery),
          responses: {
            "200": json("ChangeList", "Changes in order; poll again with next_cursor", undefined, {
              data: [exampleEntry],
              next_cursor: exampleEntry.cursor,
            }),
            "400": err("Invalid cursor"),
            ...common,
          },
        },
      },
    },
  };
}

const signatureHeaders = [
  ["webhook-id", "The message id: the same on every retry of one message (deduplicate on it)"],
  ["webhook-timestamp", "Seconds since the epoch when this attempt was signed"],
  [
    "webhook-signature",
    "`v1,<base64 HMAC-SHA256>` per Standard Webhooks, with the endpoint's signing secret",
  ],
].map(([name, description]) => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
}));

/**
 * What a receiver gets (OpenAPI 3.1 `webhooks`): one entry per record type, each delivery one change of the
 * key's feed, signed per Standard Webhooks. The same filtering as GET /api/v1/changes applies.
 */
function webhooks() {
  const types = ["person", "company", "event", "registration"] as const;
  return Object.fromEntries(
    types.map((t) => [
      t,
      {
        post: {
          operationId: `${t}Webhook`,
          summary: `${t === "event" ? "An" : "A"} ${t} changed (type \`${t}.<reason>\`)`,
          description:
            "Delivered in order per endpoint; retried with the same webhook-id while the answer is not 2xx, backing " +
            "off for about a day. A 410 Gone disables the endpoint. Staff can also send a `test` event.",
          parameters: signatureHeaders,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("WebhookEvent"),
                example: {
                  type: `${t}.updated`,
                  timestamp: exampleEntry.at,
                  data: {
                    id: exampleEntry.id,
                    record_type: t,
                    op: "upsert",
                    reason: "updated",
                    cursor: exampleEntry.cursor,
                    record: t === "person" ? examplePerson : {},
                  },
                },
              },
            },
          },
          responses: {
            "200": { description: "Any 2xx acknowledges the delivery" },
            "410": { description: "Gone: disables the endpoint" },
          },
        },
      },
    ]),
  );
}
