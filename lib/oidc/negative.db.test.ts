// Every negative case of issue 8, each asserting the exact error the specification requires.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/test/db";
import { setPersonActive } from "@/lib/records/people";
import { groupMembers, groups, oidcAuthCodes } from "@/db/schema";
import { authorize } from "./authorize";
import { hashToken } from "@/lib/core/crypto";
import { tokenRequest } from "./token";
import { userinfo } from "./userinfo";
import {
  authzParams,
  createClient,
  createMember,
  createStaff,
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

type Outcome = Awaited<ReturnType<typeof authorize>>;
const redirectQuery = (o: Outcome) => {
  if (o.kind !== "redirect") throw new Error(`expected a redirect, got page "${o.title}"`);
  return queryOf(o.url);
};
const exchange = (clientId: string, secret: string, code: string, extra: Record<string, string> = {}) =>
  exchangeCode(t.db, clientId, secret, code, extra);
async function codeFor(over: Record<string, string | null> = {}) {
  const m = await createMember(t.db);
  const c = await createClient(t.db);
  const q = redirectQuery(await authorize(t.db, ISSUER, authzParams(c.client.clientId, over), m.session));
  return { ...m, ...c, code: q.code };
}

describe("authorization errors that must not redirect", () => {
  it("unknown client: an error page", async () => {
    const { session } = await createMember(t.db);
    const o = await authorize(t.db, ISSUER, authzParams("gh_nope"), session);
    expect(o).toMatchObject({ kind: "page", title: "Unknown application" });
  });
  it("unregistered or wrong redirect URI: an error page", async () => {
    const { session } = await createMember(t.db);
    const { client } = await createClient(t.db);
    for (const uri of ["https://evil.example.com/cb", `${RP}/extra`, `${RP}?x=1`, null]) {
      const o = await authorize(t.db, ISSUER, authzParams(client.clientId, { redirect_uri: uri }), session);
      expect(o).toMatchObject({ kind: "page", title: "Invalid redirect address" });
    }
  });
});

describe("authorization errors returned to the client with state", () => {
  it("missing openid scope → invalid_scope", async () => {
    const { session } = await createMember(t.db);
    const { client } = await createClient(t.db);
    const q = redirectQuery(
      await authorize(t.db, ISSUER, authzParams(client.clientId, { scope: "profile" }), session),
    );
    expect(q).toMatchObject({ error: "invalid_scope", state: "st-123" });
  });
  it("request objects → request_not_supported; other response types → unsupported_response_type", async () => {
    const { session } = await createMember(t.db);
    const { client } = await createClient(t.db);
    const id = client.clientId;
    expect(
      redirectQuery(await authorize(t.db, ISSUER, authzParams(id, { request: "e30.e30." }), session)).error,
    ).toBe("request_not_supported");
    expect(
      redirectQuery(await authorize(t.db, ISSUER, authzParams(id, { response_type: "token" }), session))
        .error,
    ).toBe("unsupported_response_type");
  });
  it("public client without PKCE, or a plain PKCE challenge → invalid_request", async () => {
    const { session } = await createMember(t.db);
    const { client } = await createClient(t.db, { isPublic: true });
    expect(redirectQuery(await authorize(t.db, ISSUER, authzParams(client.clientId), session)).error).toBe(
      "invalid_request",
    );
    const plain = authzParams(client.clientId, {
      code_challenge: pkce().challenge,
      code_challenge_method: "plain",
    });
    expect(redirectQuery(await authorize(t.db, ISSUER, plain, session)).error).toBe("invalid_request");
  });
});

describe("who may get a code", () => {
  it("a deactivated person sees why, and the client receives access_denied", async () => {
    const { person, session } = await createMember(t.db);
    const { client } = await createClient(t.db);
    await setPersonActive(t.db, person.id, false, "cli");
    const denied = new URL(
      ((await authorize(t.db, ISSUER, authzParams(client.clientId), session)) as { url: string }).url,
    );
    expect(denied.pathname).toBe("/oidc/denied");
    expect(denied.searchParams.get("reason")).toBe("inactive");
    const none = authzParams(client.clientId, { prompt: "none" });
    expect(redirectQuery(await authorize(t.db, ISSUER, none, session))).toMatchObject({
      error: "access_denied",
      state: "st-123",
    });
  });
  it("an account without a person record is refused (no_person)", async () => {
    const staff = await createStaff(t.db);
    const { client } = await createClient(t.db);
    const denied = new URL(
      ((await authorize(t.db, ISSUER, authzParams(client.clientId), staff)) as { url: string }).url,
    );
    expect(denied.searchParams.get("reason")).toBe("no_person");
  });
  it("a person outside the permitted groups is refused; inside, they get in and see only permitted groups", async () => {
    const { person, session } = await createMember(t.db);
    const [g1, g2, g3] = await t.db
      .insert(groups)
      .values([{ name: "Board" }, { name: "Volunteers" }, { name: "Other" }])
      .returning({ id: groups.id });
    const { client, clientSecret } = await createClient(t.db, { permittedGroupIds: [g1.id, g2.id] });
    const denied = new URL(
      ((await authorize(t.db, ISSUER, authzParams(client.clientId), session)) as { url: string }).url,
    );
    expect(denied.searchParams.get("reason")).toBe("not_in_group");
    await t.db.insert(groupMembers).values([
      { groupId: g2.id, recordType: "person", recordId: person.id },
      { groupId: g3.id, recordType: "person", recordId: person.id },
    ]);
    const q = redirectQuery(await authorize(t.db, ISSUER, authzParams(client.clientId), session));
    const res = await exchange(client.clientId, clientSecret, q.code);
    const info = await userinfo(t.db, `Bearer ${res.body.access_token}`, null);
    expect(info.body.groups).toEqual([g2.id]);
  });
});

describe("token endpoint errors", () => {
  it("wrong secret or unknown client → 401 invalid_client", async () => {
    const { client, code } = await codeFor();
    const wrong = await exchange(client.clientId, "not-the-secret", code);
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const unknown = await exchange("gh_unknown", "x", code);
    expect(unknown).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const basic = await tokenRequest(
      t.db,
      ISSUER,
      `Basic ${Buffer.from(`${client.clientId}:nope`).toString("base64")}`,
      new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: RP }),
    );
    expect(basic.status).toBe(401);
    expect(basic.headers?.["WWW-Authenticate"]).toMatch(/^Basic/);
  });
  it("a reused code → invalid_grant, and the tokens issued from it are revoked", async () => {
    const { client, clientSecret, code } = await codeFor();
    const first = await exchange(client.clientId, clientSecret, code);
    expect(first.status).toBe(200);
    const bearer = `Bearer ${first.body.access_token}`;
    expect((await userinfo(t.db, bearer, null)).status).toBe(200);
    const second = await exchange(client.clientId, clientSecret, code);
    expect(second).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await userinfo(t.db, bearer, null)).toMatchObject({
      status: 401,
      body: { error: "invalid_token" },
    });
  });
  it("an expired code → invalid_grant", async () => {
    const { client, clientSecret, code } = await codeFor();
    await t.db
      .update(oidcAuthCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(oidcAuthCodes.codeHash, hashToken(code)));
    const res = await exchange(client.clientId, clientSecret, code);
    expect(res).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: "The code has expired." },
    });
  });
  it("codes live at most 60 seconds", async () => {
    const { code } = await codeFor();
    const [row] = await t.db
      .select({ ttl: sql<number>`extract(epoch from ${oidcAuthCodes.expiresAt} - now())` })
      .from(oidcAuthCodes)
      .where(eq(oidcAuthCodes.codeHash, hashToken(code)));
    expect(Number(row.ttl)).toBeLessThanOrEqual(60);
  });
  it("PKCE verifier mismatch → invalid_grant", async () => {
    const { challenge } = pkce();
    const { client, clientSecret, code } = await codeFor({
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const res = await exchange(client.clientId, clientSecret, code, { code_verifier: pkce().verifier });
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
  it("a code for another redirect URI or another client → invalid_grant", async () => {
    const a = await codeFor();
    const b = await createClient(t.db);
    expect((await exchange(b.client.clientId, b.clientSecret, a.code)).body.error).toBe("invalid_grant");
    const c = await codeFor();
    const res = await exchange(c.client.clientId, c.clientSecret, c.code, {
      redirect_uri: "https://rp.example.com/other",
    });
    expect(res.body.error).toBe("invalid_grant");
  });
  it("other grant types → unsupported_grant_type; both auth methods at once → invalid_request", async () => {
    const { client, clientSecret, code } = await codeFor();
    expect((await exchange(client.clientId, clientSecret, code, { grant_type: "password" })).body.error).toBe(
      "unsupported_grant_type",
    );
    const basic = `Basic ${Buffer.from(`${client.clientId}:${clientSecret}`).toString("base64")}`;
    const both = await tokenRequest(
      t.db,
      ISSUER,
      basic,
      new URLSearchParams({ grant_type: "authorization_code", code, client_secret: clientSecret }),
    );
    expect(both.body.error).toBe("invalid_request");
  });
});
