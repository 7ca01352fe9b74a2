// API keys for the keyed REST API, their webhook endpoints, the request log and the shared rate-limit
// counters. Secrets are never stored in the clear: keys as SHA-256 hashes, webhook signing secrets
// encrypted (sealSecret in lib/core/crypto.ts).
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** SHA-256 (hex) of the whole secret `gk_…`; looked up on every request. */
    secretHash: text("secret_hash").notNull().unique(),
    /** What staff see afterwards: the first characters and the last four. */
    displayPrefix: text("display_prefix").notNull(),
    last4: text("last4").notNull(),
    /** Roll with grace: the previous secret keeps working until previousExpiresAt. */
    previousHash: text("previous_hash").unique(),
    previousExpiresAt: timestamp("previous_expires_at", { withTimezone: true }),
    eventAccess: boolean("event_access").notNull().default(true),
    memberAccess: boolean("member_access").notNull().default(true),
    followSignupProtection: boolean("follow_signup_protection").notNull().default(false),
    /** Off = every record and every field. On = only groupId's members and the chosen fields. */
    limitMemberData: boolean("limit_member_data").notNull().default(false),
    groupId: uuid("group_id"),
    memberFields: text("member_fields")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    customFieldKeys: text("custom_field_keys")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Requests per second (burst) and per minute; null = no limit. */
    rateLimitPerSecond: integer("rate_limit_per_second").default(20),
    rateLimitPerMinute: integer("rate_limit_per_minute").default(600),
    /** Set on delete: the key stops working at once, its log stays for the record. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("api_keys_group_idx").on(t.groupId)],
);

export const webhookStatuses = ["active", "disabled"] as const;

export const webhookRegistrars = ["staff", "api"] as const;

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** `whsec_…` encrypted with AES-256-GCM under a key derived from the site secret. */
    secretEncrypted: text("secret_encrypted").notNull(),
    /** While a secret is rotated both are used to sign, until previousSecretExpiresAt. */
    previousSecretEncrypted: text("previous_secret_encrypted"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    status: text("status", { enum: webhookStatuses }).notNull().default("active"),
    disabledReason: text("disabled_reason"),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    /** Lease of the one delivery attempt in flight for this endpoint (one at a time, in order). */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /**
     * Who added it: staff on the key's page (kept in step with its URL list), or the key itself through
     * `POST /api/v1/webhook-endpoints` (an affiliated site's API feed); staff's URL list never touches the latter.
     */
    registeredBy: text("registered_by", { enum: webhookRegistrars }).notNull().default("staff"),
    /** What the registering client called it (e.g. "API feed of <site>"), shown to staff. */
    description: text("description").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_key_idx").on(t.apiKeyId)],
);

/**
 * pending: waiting for its (next) attempt; held: the site was in staging, never sent; delivered; failed:
 * retries exhausted, 410 Gone, or the endpoint was disabled; the payload is kept for Replay.
 */
export const webhookDeliveryStatuses = ["pending", "held", "delivered", "failed"] as const;

/** One message to one endpoint. `id` orders deliveries per endpoint; `messageId` is the webhook-id. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull().unique(),
    eventType: text("event_type").notNull(),
    /** The exact JSON body that is signed and sent on every attempt. */
    payload: text("payload").notNull(),
    status: text("status", { enum: webhookDeliveryStatuses }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastStatus: integer("last_status"),
    lastExcerpt: text("last_excerpt"),
    lastError: text("last_error"),
    /** Set on a delivery created by Replay: the delivery it repeats. */
    replayOf: bigint("replay_of", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
    index("webhook_deliveries_pending_idx")
      .on(t.endpointId, t.id)
      .where(sql`status = 'pending'`),
  ],
);

/** Every attempt of a delivery, for the staff delivery log. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: bigint("delivery_id", { mode: "number" })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    status: integer("status"),
    excerpt: text("excerpt"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.id)],
);

/** One row per API request, written in batches (lib/api/usage.ts) so logging never slows a request. */
export const apiRequestLog = pgTable(
  "api_request_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    apiKeyId: uuid("api_key_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    ip: text("ip"),
  },
  (t) => [index("api_request_log_key_at_idx").on(t.apiKeyId, t.at)],
);

/** Counters of rate-limiter-flexible's RateLimiterDrizzle, shared by every app instance. */
export const apiRateLimits = pgTable("api_rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
