// The zod schemas of every /api/v1 payload: handlers parse with them, responses pass through them, and
// the OpenAPI document is generated from them (lib/api/openapi.ts). Wire names are snake_case.
import { z } from "zod";
import { customValueSchema } from "@/lib/schemas/records";
import { instant } from "@/lib/schemas/typed-values";
import { MAX_MEMBER_PAGE } from "@/db/queries/member-reads";
import type { FieldSet } from "@/lib/schemas/member-fields";

const isoDateTime = z.string().meta({ format: "date-time" });
const isoDate = z.string().meta({ format: "date" });
const uuid = z.string().meta({ format: "uuid" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "invalid_input",
        "unauthorized",
        "forbidden",
        "not_found",
        "conflict",
        "precondition_failed",
        "payload_too_large",
        "rate_limited",
        "unavailable",
        "internal_error",
      ]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });

/** Every member field (see fields.ts); a key's responses are parsed through `memberSchemaFor(fieldSet)`. */
const memberShape = {
  id: uuid,
  type: z.enum(["person", "company"]),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  name: z.string().optional(),
  updated_at: isoDateTime,
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  job_title: z.string().nullable().optional(),
  company_id: uuid.nullable().optional(),
  bio: z.string().nullable().optional(),
  profile_image_url: z.string().nullable().optional(),
  social_links: z.record(z.string(), z.string()).optional(),
  email_domains: z.array(z.string()).optional(),
  membership_type_id: uuid.nullable().optional(),
  membership_type: z.string().nullable().optional(),
  member_status: z.enum(["current", "grace", "non_member", "expired"]).optional(),
  join_date: isoDate.nullable().optional(),
  expiry_date: isoDate.nullable().optional(),
  approval_status: z.enum(["approved", "pending_approval", "rejected"]).optional(),
  created_at: isoDateTime.optional(),
  custom: z.record(z.string(), customValueSchema).optional(),
};
export const memberSchema = z.object(memberShape).meta({ id: "Member" });
export type Member = z.infer<typeof memberSchema>;

/** The member schema narrowed to a key's fields; unknown keys are stripped, so nothing else can leak. */
export function memberSchemaFor(fs: FieldSet) {
  const mask = Object.fromEntries(fs.fields.map((f) => [f, true])) as Record<string, true>;
  const base = memberSchema.pick(mask as never) as unknown as z.ZodObject<Record<string, z.ZodType>>;
  if (!fs.custom) return base;
  const custom =
    fs.customKeys === null
      ? z.record(z.string(), customValueSchema)
      : z.object(Object.fromEntries(fs.customKeys.map((k) => [k, customValueSchema.optional()])));
  return base.extend({ custom: custom.optional() });
}

export const memberListSchema = z
  .object({ data: z.array(memberSchema), next_cursor: z.string().nullable() })
  .meta({ id: "MemberList" });

export const memberListQuery = z
  .object({
    type: z.enum(["person", "company"]).optional(),
    q: z.string().trim().max(100).optional(),
    updated_since: instant.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_MEMBER_PAGE).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

const text = (max: number) => z.string().max(max).nullable().optional();
/** Writable person fields; server-owned ones (id, status, groups…) are rejected by name in people-write.ts. */
export const personWriteSchema = z
  .object({
    first_name: z.string().trim().min(1).max(100),
    last_name: z.string().trim().min(1).max(100),
    email: z.string().email().max(254).nullable().optional(),
    phone: text(40),
    job_title: text(120),
    company_id: uuid.nullable().optional(),
    bio: text(4000),
    profile_image_url: z.string().url().nullable().optional(),
    membership_type_id: uuid.nullable().optional(),
    join_date: isoDate.nullable().optional(),
    expiry_date: isoDate.nullable().optional(),
    custom: z.record(z.string(), customValueSchema).optional(),
  })
  .strict()
  .meta({ id: "PersonWrite" });
export const personPatchWireSchema = personWriteSchema.partial().strict().meta({ id: "PersonPatch" });

export const personCreatedSchema = z
  .object({ data: memberSchema, status: z.enum(["approved", "pending_approval"]) })
  .meta({ id: "PersonCreated" });
export const memberResponseSchema = z.object({ data: memberSchema }).meta({ id: "MemberResponse" });

export const eventSchema = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    starts_at: isoDateTime,
    ends_at: isoDateTime.nullable(),
    capacity: z.number().int().nullable(),
    status: z.enum(["draft", "published", "cancelled"]),
    updated_at: isoDateTime,
  })
  .meta({ id: "Event" });
export const eventListSchema = z
  .object({ data: z.array(eventSchema), next_cursor: z.string().nullable() })
  .meta({ id: "EventList" });
export const eventResponseSchema = z.object({ data: eventSchema }).meta({ id: "EventResponse" });
export const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const registrationSchema = z
  .object({
    id: uuid,
    event_id: uuid,
    person_id: uuid,
    status: z.enum(["registered", "waitlisted", "cancelled", "attended"]),
    registered_at: isoDateTime,
    updated_at: isoDateTime,
  })
  .meta({ id: "Registration" });
export const registrationListSchema = z
  .object({ data: z.array(registrationSchema), next_cursor: z.string().nullable() })
  .meta({ id: "RegistrationList" });

export const customFieldSchema = z
  .object({
    key: z.string(),
    entity: z.enum(["person", "company"]),
    label: z.string(),
    type: z.enum(["text", "number", "date", "boolean", "single_choice", "multiple_choice"]),
    choices: z.array(z.string()),
    required: z.boolean(),
  })
  .meta({ id: "CustomField" });
export const customFieldListSchema = z
  .object({ data: z.array(customFieldSchema) })
  .meta({ id: "CustomFieldList" });

export const changeSchema = z
  .object({
    cursor: z.string(),
    record_type: z.enum(["person", "company", "event", "registration"]),
    id: uuid,
    op: z.enum(["upsert", "tombstone"]),
    reason: z.enum([
      "created",
      "updated",
      "entered_scope",
      "left_scope",
      "deactivated",
      "reactivated",
      "deleted",
    ]),
    at: isoDateTime,
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "Change" });
/** The body of every webhook delivery (lib/changes/webhook-fan-out.ts `webhookMessageOf`): one feed entry. */
export const webhookEventSchema = z
  .object({
    type: z
      .string()
      .meta({ description: "`<record_type>.<reason>`, e.g. `person.updated`; `test` for a test" }),
    timestamp: isoDateTime,
    data: z.object({
      id: uuid,
      record_type: changeSchema.shape.record_type,
      op: changeSchema.shape.op,
      reason: changeSchema.shape.reason,
      cursor: z.string(),
      record: z.record(z.string(), z.unknown()).nullable(),
    }),
  })
  .meta({ id: "WebhookEvent" });
export const changeListSchema = z
  .object({ data: z.array(changeSchema), next_cursor: z.string() })
  .meta({ id: "ChangeList" });
export const changesQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** GET /api/v1/key: what the calling key may see, for a client setting itself up (an affiliated site's feed). */
export const keyInfoSchema = z
  .object({
    data: z.object({
      site: z.object({
        name: z.string(),
        url: z.string(),
        launched: z.boolean().meta({ description: "false = staging: webhooks are held, not sent" }),
      }),
      key: z.object({ name: z.string() }),
      families: z.object({ members: z.boolean(), events: z.boolean(), registrations: z.boolean() }),
      scope: z.object({
        limited: z.boolean().meta({ description: "true = only the group's members and the chosen fields" }),
        group: z.object({ id: uuid, name: z.string() }).nullable(),
        member_count: z.number().int().meta({ description: "active records the key may read, now" }),
      }),
      member_fields: z.array(z.string()),
      custom_fields: z.array(customFieldSchema),
    }),
  })
  .meta({ id: "KeyInfo" });

export const webhookEndpointSchema = z
  .object({
    id: uuid,
    url: z.string(),
    description: z.string(),
    status: z.enum(["active", "disabled"]),
    registered_by: z
      .enum(["staff", "api"])
      .meta({ description: "api = registered by this key; only those can be deleted through the API" }),
    created_at: isoDateTime,
  })
  .meta({ id: "WebhookEndpoint" });
export const webhookEndpointListSchema = z
  .object({ data: z.array(webhookEndpointSchema) })
  .meta({ id: "WebhookEndpointList" });
export const webhookEndpointCreateSchema = z
  .object({
    url: z.string().trim().min(1).max(2000),
    description: z.string().trim().max(200).default(""),
  })
  .strict()
  .meta({ id: "WebhookEndpointCreate" });
export const webhookEndpointCreatedSchema = z
  .object({
    data: webhookEndpointSchema.extend({
      secret: z.string().meta({ description: "`whsec_…` signing secret: shown in this response only" }),
    }),
  })
  .meta({ id: "WebhookEndpointCreated" });
