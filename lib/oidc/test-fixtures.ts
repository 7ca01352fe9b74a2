// Shared set-up for the provider's database tests: members, clients and PKCE values.
import crypto from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { createPerson } from "@/lib/records/people";
import { createSsoClient } from "@/lib/oidc/clients";
import { createUser } from "@/lib/auth/accounts";
import type { SessionInfo } from "./authorize";
import { s256 } from "./pkce";
import { tokenRequest } from "./token";

export const ISSUER = "https://members.example.org";
export const RP = "https://rp.example.com/callback";

const unique = () => crypto.randomBytes(4).toString("hex");

/** An active person with a member user account, and a session for them signed in `ageSeconds` ago. */
export async function createMember(db: DbOrTx, ageSeconds = 5) {
  const email = `member-${unique()}@example.org`;
  const person = await createPerson(db, { firstName: "Ada", lastName: "Lovelace", email } as never, "cli");
  const user = await createUser(
    db,
    { email, password: "correct-horse-1", role: "member", personId: person.id },
    "cli",
  );
  const session: SessionInfo = {
    userId: user.id,
    email,
    personId: person.id,
    authTime: Math.floor(Date.now() / 1000) - ageSeconds,
  };
  return { person, user, session };
}

/** A staff admin account with no person record. */
export async function createStaff(db: DbOrTx): Promise<SessionInfo> {
  const email = `staff-${unique()}@example.org`;
  const user = await createUser(db, { email, password: "correct-horse-1", role: "admin" }, "cli");
  return { userId: user.id, email, personId: null, authTime: Math.floor(Date.now() / 1000) };
}

export async function createClient(
  db: DbOrTx,
  extra: { isPublic?: boolean; permittedGroupIds?: string[]; postLogoutRedirectUris?: string[] } = {},
) {
  return createSsoClient(db, { name: `RP ${unique()}`, redirectUris: [RP], ...extra });
}

export function pkce() {
  const verifier = crypto.randomBytes(32).toString("base64url");
  return { verifier, challenge: s256(verifier) };
}

/** Authorization request parameters for a client, with overrides (null removes a parameter). */
export function authzParams(clientId: string, over: Record<string, string | null> = {}): URLSearchParams {
  const base: Record<string, string | null> = {
    client_id: clientId,
    redirect_uri: RP,
    response_type: "code",
    scope: "openid profile email groups",
    state: "st-123",
    nonce: "n-456",
    ...over,
  };
  return new URLSearchParams(Object.entries(base).filter((e): e is [string, string] => e[1] !== null));
}

export const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

/** The token request of the code flow (client_secret_post; `secret` null = a public client sends none). */
export const exchangeCode = (
  db: DbOrTx,
  clientId: string,
  secret: string | null,
  code: string,
  extra: Record<string, string> = {},
  issuer: string | null = ISSUER,
) =>
  tokenRequest(
    db,
    issuer,
    null,
    new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: RP,
      client_id: clientId,
      ...(secret === null ? {} : { client_secret: secret }),
      ...extra,
    }),
  );
