// Claims about a person, by scope, and the signed ID token.
import { SignJWT } from "jose";
import type { DbOrTx } from "@/db/client";
import { getClaimsPerson } from "@/db/queries/oidc";
import type { SsoClient } from "@/db/queries/sso-clients";
import { visibleGroupIds } from "./access";
import { ID_TOKEN_TTL_SECONDS } from "./config";
import { getActiveSigningKey, signingKeyFor } from "./keys";

export type Claims = Record<string, unknown> & { sub: string };

/** The person fields the profile and email claims use. */
export type ClaimsPerson = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  accountEmail: string | null;
  /** Seconds since the epoch. */
  updatedAt: number;
};

/** Scope-dependent claims for userinfo and the ID token. `sub` is the person id the REST API uses. */
export function claimsOf(person: ClaimsPerson, scope: string, groups: () => string[]): Claims {
  const scopes = new Set(scope.split(" "));
  const claims: Claims = { sub: person.id };
  if (scopes.has("profile")) {
    claims.name = `${person.firstName} ${person.lastName}`.trim();
    claims.given_name = person.firstName;
    claims.family_name = person.lastName;
    claims.updated_at = Math.floor(person.updatedAt);
  }
  if (scopes.has("email")) {
    claims.email = person.email ?? person.accountEmail;
    // Guildhall does not verify email ownership, so it does not claim it.
    claims.email_verified = false;
  }
  if (scopes.has("groups")) claims.groups = groups();
  return claims;
}

/** claimsOf for a person read from the database (userinfo, Test sign-in). */
export async function claimsFor(
  db: DbOrTx,
  client: SsoClient,
  personId: string,
  scope: string,
): Promise<Claims | null> {
  const person = await getClaimsPerson(db, personId);
  if (!person) return null;
  const groups = scope.split(" ").includes("groups") ? await visibleGroupIds(db, client, person.id) : [];
  return claimsOf({ ...person, updatedAt: person.updatedAt.getTime() / 1000 }, scope, () => groups);
}

export async function signIdToken(
  db: DbOrTx,
  input: {
    issuer: string;
    clientId: string;
    claims: Claims;
    nonce: string | null;
    authTime: number;
    /** The active key's kid when the caller already read it (null: no key yet); else it is looked up. */
    kid?: string | null;
  },
): Promise<string> {
  const { kid, alg, key } = await (input.kid === undefined
    ? getActiveSigningKey(db)
    : signingKeyFor(db, input.kid));
  const { sub, ...rest } = input.claims;
  return new SignJWT({
    ...rest,
    auth_time: input.authTime,
    ...(input.nonce ? { nonce: input.nonce } : {}),
  })
    .setProtectedHeader({ alg, kid, typ: "JWT" })
    .setIssuer(input.issuer)
    .setSubject(sub)
    .setAudience(input.clientId)
    .setIssuedAt()
    .setExpirationTime(`${ID_TOKEN_TTL_SECONDS}s`)
    .sign(key);
}
