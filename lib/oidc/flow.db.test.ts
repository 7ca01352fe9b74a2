// The provider's happy paths and sign-in decisions, calling the endpoint logic on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify } from "jose";
import { createTestDb, type TestDb } from "@/test/db";
import { authorize } from "./authorize";
import { publishedKeys } from "./keys";
import { tokenRequest } from "./token";
import { userinfo } from "./userinfo";
import { authzParams, createClient, createMember, ISSUER, pkce, queryOf, RP } from "./test-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const redirectOf = (o: Awaited<ReturnType<typeof authorize>>) => {
  if (o.kind !== "redirect") throw new Error(`expected a redirect, got page "${o.title}"`);
  return o.url;
};

describe("authorization code flow", () => {
  it("issues a code, exchanges it (client_secret_post) for a verifiable ID token, and serves userinfo", async () => {
    const { person, session } = await createMember(t.db);
    const { client, clientSecret } = await createClient(t.db);
    const { verifier, challenge } = pkce();
    const url = redirectOf(
      await authorize(
        t.db,
        ISSUER,
        authzParams(client.clientId, { code_challenge: challenge, code_challenge_method: "S256" }),
        session,
      ),
    );
    expect(url.startsWith(`${RP}?`)).toBe(true);
    const q = queryOf(url);
    expect(q.state).toBe("st-123");
    expect(q.iss).toBe(ISSUER);
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      code: q.code,
      redirect_uri: RP,
      client_id: client.clientId,
      client_secret: clientSecret,
      code_verifier: verifier,
    });
    const res = await tokenRequest(t.db, ISSUER, null, form);
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe("Bearer");
    const { payload, protectedHeader } = await jwtVerify(
      String(res.body.id_token),
      createLocalJWKSet(await publishedKeys(t.db)),
      { issuer: ISSUER, audience: client.clientId },
    );
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: person.id,
      nonce: "n-456",
      auth_time: session.authTime,
      given_name: "Ada",
      family_name: "Lovelace",
      email: person.email,
      groups: [],
    });
    const info = await userinfo(t.db, `Bearer ${res.body.access_token}`, null);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ sub: person.id, name: "Ada Lovelace", email: person.email });
    const viaPost = await userinfo(
      t.db,
      null,
      new URLSearchParams({ access_token: String(res.body.access_token) }),
    );
    expect(viaPost.body.sub).toBe(person.id);
  });

  it("accepts client_secret_basic (form-encoded id and secret)", async () => {
    const { session } = await createMember(t.db);
    const { client, clientSecret } = await createClient(t.db);
    const q = queryOf(redirectOf(await authorize(t.db, ISSUER, authzParams(client.clientId), session)));
    const basic = Buffer.from(
      `${encodeURIComponent(client.clientId)}:${encodeURIComponent(clientSecret)}`,
    ).toString("base64");
    const res = await tokenRequest(
      t.db,
      ISSUER,
      `Basic ${basic}`,
      new URLSearchParams({ grant_type: "authorization_code", code: q.code, redirect_uri: RP }),
    );
    expect(res.status).toBe(200);
  });

  it("lets a public client in with PKCE and no secret", async () => {
    const { session } = await createMember(t.db);
    const { client } = await createClient(t.db, { isPublic: true });
    const { verifier, challenge } = pkce();
    const p = authzParams(client.clientId, { code_challenge: challenge, code_challenge_method: "S256" });
    const q = queryOf(redirectOf(await authorize(t.db, ISSUER, p, session)));
    const res = await tokenRequest(
      t.db,
      ISSUER,
      null,
      new URLSearchParams({
        grant_type: "authorization_code",
        code: q.code,
        redirect_uri: RP,
        client_id: client.clientId,
        code_verifier: verifier,
      }),
    );
    expect(res.status).toBe(200);
  });
});

describe("sign-in decisions", () => {
  it("sends a signed-out member to Guildhall's sign-in page with the login hint, returning to the request", async () => {
    const { client } = await createClient(t.db);
    const url = new URL(
      redirectOf(
        await authorize(t.db, ISSUER, authzParams(client.clientId, { login_hint: "a@example.org" }), null),
      ),
    );
    expect(url.origin + url.pathname).toBe(`${ISSUER}/sign-in`);
    expect(url.searchParams.get("login_hint")).toBe("a@example.org");
    expect(url.searchParams.get("callbackUrl")).toMatch(/^\/api\/oidc\/authorize\?.*client_id=/);
  });

  it("prompt=none without a session returns login_required to the client", async () => {
    const { client } = await createClient(t.db);
    const q = queryOf(
      redirectOf(await authorize(t.db, ISSUER, authzParams(client.clientId, { prompt: "none" }), null)),
    );
    expect(q).toMatchObject({ error: "login_required", state: "st-123" });
  });

  it("prompt=login forces a fresh sign-in, and the return trip then goes through", async () => {
    const { session } = await createMember(t.db, 30);
    const { client } = await createClient(t.db);
    const signIn = new URL(
      redirectOf(await authorize(t.db, ISSUER, authzParams(client.clientId, { prompt: "login" }), session)),
    );
    expect(signIn.pathname).toBe("/sign-in");
    expect(signIn.searchParams.get("fresh")).toBe("1");
    const back = new URL(signIn.searchParams.get("callbackUrl")!, ISSUER).searchParams;
    expect(back.has("prompt")).toBe(false);
    // The old session does not satisfy the return trip; a sign-in after it does.
    expect(redirectOf(await authorize(t.db, ISSUER, back, session))).toContain("/sign-in");
    const fresh = { ...session, authTime: Number(back.get("gh_auth_after")!.split(".")[0]) };
    const q = queryOf(redirectOf(await authorize(t.db, ISSUER, back, fresh)));
    expect(q.code).toBeTruthy();
  });

  it("max_age: an older sign-in must sign in again; a recent one goes straight through", async () => {
    const old = await createMember(t.db, 600);
    const recent = await createMember(t.db, 5);
    const { client } = await createClient(t.db);
    const p = authzParams(client.clientId, { max_age: "60" });
    expect(redirectOf(await authorize(t.db, ISSUER, p, old.session))).toContain("/sign-in?");
    expect(queryOf(redirectOf(await authorize(t.db, ISSUER, p, recent.session))).code).toBeTruthy();
    const none = authzParams(client.clientId, { max_age: "60", prompt: "none" });
    expect(queryOf(redirectOf(await authorize(t.db, ISSUER, none, old.session))).error).toBe(
      "login_required",
    );
  });

  it("honours id_token_hint and login_hint for another account by asking to sign in", async () => {
    const a = await createMember(t.db);
    const b = await createMember(t.db);
    const { client, clientSecret } = await createClient(t.db);
    const q = queryOf(redirectOf(await authorize(t.db, ISSUER, authzParams(client.clientId), a.session)));
    const tok = await tokenRequest(
      t.db,
      ISSUER,
      null,
      new URLSearchParams({
        grant_type: "authorization_code",
        code: q.code,
        redirect_uri: RP,
        client_id: client.clientId,
        client_secret: clientSecret,
      }),
    );
    const hint = String(tok.body.id_token);
    const sameNone = authzParams(client.clientId, { id_token_hint: hint, prompt: "none" });
    expect(queryOf(redirectOf(await authorize(t.db, ISSUER, sameNone, a.session))).code).toBeTruthy();
    expect(queryOf(redirectOf(await authorize(t.db, ISSUER, sameNone, b.session))).error).toBe(
      "login_required",
    );
    const other = authzParams(client.clientId, { login_hint: a.session.email });
    expect(redirectOf(await authorize(t.db, ISSUER, other, b.session))).toContain("/sign-in?");
    const bad = authzParams(client.clientId, { id_token_hint: "not.a.token" });
    expect(queryOf(redirectOf(await authorize(t.db, ISSUER, bad, a.session))).error).toBe("invalid_request");
  });
});
