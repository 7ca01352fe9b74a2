// An independent relying party (openid-client) drives the whole flow over real HTTP against `next start`:
// both client authentication methods, PKCE, ID token validation via JWKS (signature, iss, aud, exp, nonce)
// and userinfo; then the over-the-wire error cases.
import * as oidc from "openid-client";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { expect, test } from "./fixtures";
import {
  authorizeStep,
  cliAsync,
  httpFetch,
  createClient,
  createMember,
  deactivate,
  expireRetiredKeys,
  ISSUER,
  type Member,
  sessionCookie,
  uniq,
} from "./sso-helpers";

const RP = `http://localhost:3296/cb/${uniq()}`;
let cookie = "";
let member: Member;

test.describe.configure({ mode: "serial" });
test.beforeAll(async ({ browser }) => {
  member = await createMember("Grace", `Hopper${uniq()}`);
  const page = await browser.newPage();
  cookie = await sessionCookie(page, member.email);
  await page.close();
});

async function relyingParty(auth: "post" | "basic") {
  const c = await createClient([RP]);
  const method =
    auth === "post" ? oidc.ClientSecretPost(c.client_secret) : oidc.ClientSecretBasic(c.client_secret);
  const config = await oidc.discovery(new URL(ISSUER), c.client_id, undefined, method, {
    execute: [oidc.allowInsecureRequests],
    [oidc.customFetch]: httpFetch as oidc.CustomFetch,
  });
  // Verify ID token signatures against the JWKS too (by default the TLS-protected token response is trusted).
  oidc.enableNonRepudiationChecks(config);
  return { c, config };
}

async function signInFlow(config: oidc.Configuration, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP,
    scope: "openid profile email groups",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  const step = await authorizeStep(url, cookie);
  expect(step.status).toBe(302);
  expect(step.location!.toString().startsWith(RP)).toBe(true);
  const tokens = await oidc.authorizationCodeGrant(config, step.location!, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  return { tokens, code: step.location!.searchParams.get("code")!, verifier };
}

for (const auth of ["post", "basic"] as const) {
  test(`openid-client signs in with client_secret_${auth}, PKCE, a verified ID token and userinfo`, async () => {
    const { c, config } = await relyingParty(auth);
    const { tokens } = await signInFlow(config);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: c.client_id,
      sub: member.personId,
      given_name: "Grace",
    });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, member.personId);
    expect(info).toMatchObject({ sub: member.personId, email: member.email, family_name: member.last });
  });
}

test("discovery sits at the site root and names the issuer", async () => {
  const res = await httpFetch(`${ISSUER}/.well-known/openid-configuration`);
  expect(res.status).toBe(200);
  const doc = await res.json();
  expect(doc.issuer).toBe(ISSUER);
  expect(doc.token_endpoint_auth_methods_supported).toEqual(
    expect.arrayContaining(["client_secret_post", "client_secret_basic"]),
  );
  const jwks = await (await httpFetch(doc.jwks_uri)).json();
  expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
  expect(jwks.keys[0]).not.toHaveProperty("d");
});

test("authorization requests by POST work", async () => {
  const c = await createClient([RP]);
  const body = new URLSearchParams({
    client_id: c.client_id,
    redirect_uri: RP,
    response_type: "code",
    scope: "openid",
    state: "s1",
  });
  const step = await authorizeStep(`${ISSUER}/api/oidc/authorize`, cookie, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(step.location!.searchParams.get("state")).toBe("s1");
  expect(step.location!.searchParams.get("code")).toBeTruthy();
});

test("errors over the wire: error pages, redirects with state, token errors as JSON", async () => {
  const { c, config } = await relyingParty("post");
  const base = {
    client_id: c.client_id,
    redirect_uri: RP,
    response_type: "code",
    scope: "openid",
    state: "s2",
  };
  const at = (p: Record<string, string>) => `${ISSUER}/api/oidc/authorize?${new URLSearchParams(p)}`;
  const unknown = await authorizeStep(at({ ...base, client_id: "gh_unknown" }), cookie);
  expect(unknown.status).toBe(400);
  expect(unknown.location).toBeNull();
  expect(unknown.body).toContain("Unknown application");
  const badRedirect = await authorizeStep(
    at({ ...base, redirect_uri: "https://evil.example.com/cb" }),
    cookie,
  );
  expect(badRedirect.status).toBe(400);
  expect(badRedirect.location).toBeNull();
  const noOpenid = await authorizeStep(at({ ...base, scope: "profile" }), cookie);
  expect(Object.fromEntries(noOpenid.location!.searchParams)).toMatchObject({
    error: "invalid_scope",
    state: "s2",
  });
  const requestObject = await authorizeStep(at({ ...base, request: "e30.e30." }), cookie);
  expect(requestObject.location!.searchParams.get("error")).toBe("request_not_supported");
  const noSession = await authorizeStep(at({ ...base, prompt: "none" }));
  expect(noSession.location!.searchParams.get("error")).toBe("login_required");

  const { code, verifier } = await signInFlow(config);
  const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    httpFetch(`${ISSUER}/api/oidc/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form),
    });
  const grant = { grant_type: "authorization_code", code, redirect_uri: RP, code_verifier: verifier };
  const wrongSecret = await post({ ...grant, client_id: c.client_id, client_secret: "nope" });
  expect(wrongSecret.status).toBe(401);
  expect(await wrongSecret.json()).toMatchObject({ error: "invalid_client" });
  const reused = await post({ ...grant, client_id: c.client_id, client_secret: c.client_secret });
  expect(reused.status).toBe(400);
  expect(await reused.json()).toMatchObject({ error: "invalid_grant" });
});

test("a reused code revokes the access token issued from it", async () => {
  const { c, config } = await relyingParty("post");
  const { tokens, code, verifier } = await signInFlow(config);
  const res = await httpFetch(`${ISSUER}/api/oidc/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: RP,
      code_verifier: verifier,
      client_id: c.client_id,
      client_secret: c.client_secret,
    }),
  });
  expect((await res.json()).error).toBe("invalid_grant");
  const info = await httpFetch(`${ISSUER}/api/oidc/userinfo`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(info.status).toBe(401);
  expect(info.headers.get("www-authenticate")).toContain('error="invalid_token"');
});

test("a token signed by a rotated-out key is rejected by the relying party", async () => {
  const { config } = await relyingParty("post");
  const { tokens } = await signInFlow(config);
  const jwks = () => createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));
  await cliAsync("sso-client", "rotate-keys");
  // Still published right after rotation: the token verifies.
  await jwtVerify(tokens.id_token!, jwks(), { issuer: ISSUER });
  await expireRetiredKeys();
  await expect(jwtVerify(tokens.id_token!, jwks(), { issuer: ISSUER })).rejects.toMatchObject({
    code: "ERR_JWKS_NO_MATCHING_KEY",
  });
  // New sign-ins use the new key and verify (a new RP: openid-client caches a JWKS for 30 s).
  const again = await signInFlow((await relyingParty("post")).config);
  await jwtVerify(again.tokens.id_token!, jwks(), { issuer: ISSUER });
});

test("a deactivated member is refused with a clear page and the client gets access_denied", async ({
  browser,
}) => {
  const m = await createMember("Ina", `Active${uniq()}`);
  const page = await browser.newPage();
  const theirCookie = await sessionCookie(page, m.email);
  await deactivate(m.personId);
  const c = await createClient([RP]);
  const q = new URLSearchParams({
    client_id: c.client_id,
    redirect_uri: RP,
    response_type: "code",
    scope: "openid",
    state: "s3",
  });
  const step = await authorizeStep(`${ISSUER}/api/oidc/authorize?${q}`, theirCookie);
  expect(step.location!.pathname).toBe("/oidc/denied");
  await page.goto(step.location!.toString());
  await expect(page.getByText("Your membership record is inactive")).toBeVisible();
  const back = await page.getByRole("link", { name: /Return to/ }).getAttribute("href");
  expect(Object.fromEntries(new URL(back!).searchParams)).toMatchObject({
    error: "access_denied",
    state: "s3",
  });
  await page.close();
});
