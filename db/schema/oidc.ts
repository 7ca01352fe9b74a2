// Guildhall as an OpenID Connect provider: SSO clients, signing keys, authorization codes and issued tokens.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "./records";
import { users } from "./accounts";

export const ssoClients = pgTable("sso_clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** The public identifier given to the partner. */
  clientId: text("client_id").notNull().unique(),
  /** SHA-256 of the generated secret (high-entropy, so a fast hash is enough); the secret is shown once. */
  secretHash: text("secret_hash").notNull(),
  /** After a regenerate, the old secret keeps working until previousSecretExpiresAt (partner switch-over). */
  previousSecretHash: text("previous_secret_hash"),
  previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
  redirectUris: text("redirect_uris")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  postLogoutRedirectUris: text("post_logout_redirect_uris")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Blank = every active member with a user account. Group ids (groups live in another aggregate). */
  permittedGroupIds: uuid("permitted_group_ids")
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  /** Public clients (no secret kept safe, e.g. a SPA) must use PKCE. */
  isPublic: boolean("is_public").notNull().default(false),
  /** A short line staff write for members (shown on the portal's "Connected apps"). */
  description: text("description").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const oidcSigningKeys = pgTable("oidc_signing_keys", {
  kid: text("kid").primaryKey(),
  alg: text("alg").notNull(),
  publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
  /** The private JWK, AES-256-GCM encrypted with sealSecret("oidc-keys") (lib/core/crypto.ts). */
  privateKeyEnc: text("private_key_enc").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Set when rotated out: no longer signs, but stays in the JWKS until publishUntil. */
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  publishUntil: timestamp("publish_until", { withTimezone: true }),
});

export const oidcAuthCodes = pgTable(
  "oidc_auth_codes",
  {
    /** SHA-256 of the code; the code itself is never stored. */
    codeHash: text("code_hash").primaryKey(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => ssoClients.id, { onDelete: "cascade" }),
    redirectUri: text("redirect_uri").notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    nonce: text("nonce"),
    codeChallenge: text("code_challenge"),
    authTime: integer("auth_time").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("oidc_auth_codes_expires_idx").on(t.expiresAt)],
);

/** Access tokens (opaque, stored hashed) so userinfo can check them and a reused code can revoke them. */
export const oidcTokens = pgTable(
  "oidc_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => ssoClients.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    /** The code it was issued from (revoked together if that code is replayed). */
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("oidc_tokens_code_idx").on(t.codeHash), index("oidc_tokens_expires_idx").on(t.expiresAt)],
);

/** When a member last signed in to each SSO client (written at the code exchange), for "Connected apps". */
export const oidcClientSignIns = pgTable(
  "oidc_client_sign_ins",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    clientId: uuid("client_id")
      .notNull()
      .references(() => ssoClients.id, { onDelete: "cascade" }),
    lastSignedInAt: timestamp("last_signed_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.clientId] })],
);
