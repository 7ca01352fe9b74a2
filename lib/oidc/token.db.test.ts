// The token endpoint's one-statement exchange: what it reads fresh on every request (signing key, site URL,
// client secrets), what a failed client authentication leaves untouched, and each check it applies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/test/db";
import { updateSiteSettings } from "@/db/queries/site-settings";
import { regenerateSsoClientSecret } from "@/lib/oidc/clients";
import { groupMembers, groups, oidcTokens, ssoClients } from "@/db/schema";
import { authorize } from "./authorize";
import { hashToken } from "@/lib/core/crypto";
import { publishedKeys, rotateSigningKeys } from "./keys";
import {
  authzParams,
  createClient,
  createMember,
  exchangeCode,
  ISSUER,
  pkce,
  queryOf,
  RP,
} from "./test-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

async function codeFor(clientId: string, over: Record<string, string | null> = {}) {
  const { session } = await createMember(t.db);
  const o = await authorize(t.db, ISSUER, authzParams(clientId, over), session);
  if (o.kind !== "redirect") throw new Error(`expected a redirect, got page "${o.title}"`);
  return queryOf(o.url).code;
}
const exchange = (
  clientId: string,
  secret: string | null,
  code: string,
  extra: Record<string, string> = {},
  issuer: string | null = ISSUER,
) => exchangeCode(t.db, clientId, secret, code, extra, issuer);
const tokenCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(oidcTokens))[0].n;

describe("read fresh on every token request", () => {
  it("a key rotation signs the very next ID token with the new key", async () => {
    const { client, clientSecret } = await createClient(t.db);
    const first = await exchange(client.clientId, clientSecret, await codeFor(client.clientId));
    const before = decodeProtectedHeader(String(first.body.id_token)).kid;
    const { kid } = await rotateSigningKeys(t.db);
    expect(kid).not.toBe(before);
    const next = await exchange(client.clientId, clientSecret, await codeFor(client.clientId));
    expect(decodeProtectedHeader(String(next.body.id_token)).kid).toBe(kid);
    const jwks = createLocalJWKSet(await publishedKeys(t.db));
    await jwtVerify(String(next.body.id_token), jwks, { issuer: ISSUER, audience: client.clientId });
  });

  it("without an explicit issuer, the saved site URL is the issuer from the next request on", async () => {
    const { client, clientSecret } = await createClient(t.db);
    await updateSiteSettings(t.db, { siteUrl: "https://one.example.org/" }, "cli");
    const a = await exchange(client.clientId, clientSecret, await codeFor(client.clientId), {}, null);
    expect((await jwtPayload(String(a.body.id_token))).iss).toBe("https://one.example.org");
    await updateSiteSettings(t.db, { siteUrl: "https://two.example.org" }, "cli");
    const b = await exchange(client.clientId, clientSecret, await codeFor(client.clientId), {}, null);
    expect((await jwtPayload(String(b.body.id_token))).iss).toBe("https://two.example.org");
    await updateSiteSettings(t.db, { siteUrl: "" }, "cli");
  });

  it("a replaced secret works during its grace period only, and a revoked one at once", async () => {
    const { client, clientSecret: first } = await createClient(t.db);
    const { clientSecret: second } = await regenerateSsoClientSecret(t.db, client.id, 24);
    expect((await exchange(client.clientId, first, await codeFor(client.clientId))).status).toBe(200);
    expect((await exchange(client.clientId, second, await codeFor(client.clientId))).status).toBe(200);
    await t.db
      .update(ssoClients)
      .set({ previousSecretExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(ssoClients.id, client.id));
    const late = await exchange(client.clientId, first, await codeFor(client.clientId));
    expect(late).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const { clientSecret: third } = await regenerateSsoClientSecret(t.db, client.id, 0);
    const revoked = await exchange(client.clientId, second, await codeFor(client.clientId));
    expect(revoked.status).toBe(401);
    expect((await exchange(client.clientId, third, await codeFor(client.clientId))).status).toBe(200);
  });
});

const jwtPayload = async (token: string) =>
  (await jwtVerify(token, createLocalJWKSet(await publishedKeys(t.db)))).payload;

describe("client authentication comes first", () => {
  it("a wrong secret, a missing secret or another client's secret leaves the code usable", async () => {
    const { client, clientSecret } = await createClient(t.db);
    const other = await createClient(t.db);
    const code = await codeFor(client.clientId);
    for (const secret of ["wrong", null, "", other.clientSecret])
      expect((await exchange(client.clientId, secret, code)).status).toBe(401);
    expect((await exchange(client.clientId, clientSecret, code)).status).toBe(200);
  });

  it("a public client needs no secret, but a wrong one still fails", async () => {
    const { client } = await createClient(t.db, { isPublic: true });
    const { verifier, challenge } = pkce();
    const over = { code_challenge: challenge, code_challenge_method: "S256" };
    const code = await codeFor(client.clientId, over);
    expect((await exchange(client.clientId, "wrong", code, { code_verifier: verifier })).status).toBe(401);
    expect((await exchange(client.clientId, null, code, { code_verifier: verifier })).status).toBe(200);
  });

  it("client errors are reported before grant errors, without touching the code", async () => {
    const { client, clientSecret } = await createClient(t.db);
    const code = await codeFor(client.clientId);
    expect((await exchange(client.clientId, "wrong", code, { grant_type: "password" })).status).toBe(401);
    expect((await exchange(client.clientId, clientSecret, "")).body).toMatchObject({
      error: "invalid_request",
      error_description: "code is required.",
    });
    expect((await exchange(client.clientId, clientSecret, code)).status).toBe(200);
  });
});

describe("each check of the grant, with its message, and no token stored when it fails", () => {
  it("PKCE: missing, malformed, mismatched, or sent without a challenge", async () => {
    const { client, clientSecret } = await createClient(t.db);
    const { verifier, challenge } = pkce();
    const withPkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const cases: [Record<string, string>, Record<string, string | null>, string][] = [
      [{}, withPkce, "code_verifier is missing or malformed."],
      [{ code_verifier: "short" }, withPkce, "code_verifier is missing or malformed."],
      [{ code_verifier: pkce().verifier }, withPkce, "code_verifier does not match the code_challenge."],
      [
        { code_verifier: verifier },
        {},
        "code_verifier was sent but the authorization request had no code_challenge.",
      ],
      [{ redirect_uri: `${RP}/x` }, {}, "redirect_uri does not match the authorization request."],
    ];
    for (const [extra, over, message] of cases) {
      const code = await codeFor(client.clientId, over);
      const before = await tokenCount();
      const res = await exchange(client.clientId, clientSecret, code, extra);
      expect(res).toMatchObject({
        status: 400,
        body: { error: "invalid_grant", error_description: message },
      });
      expect(await tokenCount()).toBe(before);
      // The code is spent even so (a failed redemption is not retried with the same code).
      expect((await exchange(client.clientId, clientSecret, code)).body.error_description).toMatch(
        /already used/,
      );
    }
    const code = await codeFor(client.clientId, withPkce);
    expect((await exchange(client.clientId, clientSecret, code, { code_verifier: verifier })).status).toBe(
      200,
    );
  });

  it("the groups claim in the ID token holds only the client's permitted groups", async () => {
    const { person, session } = await createMember(t.db);
    const [g1, g2, g3] = await t.db
      .insert(groups)
      .values([{ name: "T Board" }, { name: "T Volunteers" }, { name: "T Other" }])
      .returning({ id: groups.id });
    await t.db
      .insert(groupMembers)
      .values([g1, g3].map((g) => ({ groupId: g.id, recordType: "person" as const, recordId: person.id })));
    const { client, clientSecret } = await createClient(t.db, { permittedGroupIds: [g1.id, g2.id] });
    const o = await authorize(t.db, ISSUER, authzParams(client.clientId), session);
    if (o.kind !== "redirect") throw new Error(o.title);
    const res = await exchange(client.clientId, clientSecret, queryOf(o.url).code);
    const payload = await jwtPayload(String(res.body.id_token));
    expect(payload).toMatchObject({ sub: person.id, groups: [g1.id], given_name: "Ada" });
    const noGroups = await authorize(
      t.db,
      ISSUER,
      authzParams(client.clientId, { scope: "openid email" }),
      session,
    );
    if (noGroups.kind !== "redirect") throw new Error(noGroups.title);
    const plain = await exchange(client.clientId, clientSecret, queryOf(noGroups.url).code);
    const p2 = await jwtPayload(String(plain.body.id_token));
    expect(p2).not.toHaveProperty("groups");
    expect(p2).not.toHaveProperty("given_name");
    expect(p2.email).toBe(session.email);
    // The stored access token carries the code's scope, for userinfo.
    const [row] = await t.db
      .select({ scope: oidcTokens.scope })
      .from(oidcTokens)
      .where(eq(oidcTokens.tokenHash, hashToken(String(plain.body.access_token))));
    expect(row.scope).toBe("openid email");
  });
});
