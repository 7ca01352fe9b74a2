// The OpenID Foundation Basic OP test plan items that apply to Guildhall, each checked over real HTTP with
// openid-client as the relying party and a real browser for the sign-in steps. (Status table: docs/oidc.md.)
import http from "node:http";
import * as oidc from "openid-client";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  authorizeStep,
  createClient,
  createMember,
  httpFetch,
  ISSUER,
  type Member,
  PASSWORD,
  sessionCookie,
  uniq,
} from "./sso-helpers";

const RP = `http://localhost:3296/op/${uniq()}`;
const RP_Q = `${RP}?tenant=a`;
let member: Member;
let config: oidc.Configuration;

test.describe.configure({ mode: "serial" });
// The relying party's callback address: a bare server so the browser lands somewhere we can read the URL of.
const callbackServer = http.createServer((_req, res) =>
  res.writeHead(200, { "content-type": "text/plain" }).end("callback"),
);
test.afterAll(() => new Promise<void>((resolve) => callbackServer.close(() => resolve())));
test.beforeAll(async () => {
  await new Promise<void>((resolve) => callbackServer.listen(3296, resolve));
  member = await createMember("Basic", `Op${uniq()}`);
  const c = await createClient([RP, RP_Q]);
  config = await oidc.discovery(
    new URL(ISSUER),
    c.client_id,
    undefined,
    oidc.ClientSecretBasic(c.client_secret),
    {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: httpFetch as oidc.CustomFetch,
    },
  );
  oidc.enableNonRepudiationChecks(config);
});

/** Runs an authorization request in the browser (signing in if asked) and returns the callback URL. */
async function inBrowser(page: Page, params: Record<string, string>) {
  // The relying party's address has no server: answer it here and keep the URL.
  await page.route(`${new URL(RP).origin}/**`, (route) =>
    route.fulfill({ body: "callback", contentType: "text/plain" }),
  );
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP,
    scope: "openid profile email",
    ...params,
  });
  await page.goto(url.toString());
  let sawSignIn = false;
  if (new URL(page.url()).pathname === "/sign-in") {
    sawSignIn = true;
    await page.getByLabel("Password").fill(PASSWORD);
    if (!(await page.getByLabel("Email").inputValue())) await page.getByLabel("Email").fill(member.email);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.waitForURL((u) => u.toString().startsWith(RP));
  return { callback: new URL(page.url()), sawSignIn };
}

async function tokensFor(callback: URL, state: string, nonce?: string) {
  return oidc.authorizationCodeGrant(config, callback, {
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
}

test("OP-Discovery-Config and OP-Discovery-JWKs", async () => {
  const doc = await (await httpFetch(`${ISSUER}/.well-known/openid-configuration`)).json();
  expect(doc.issuer).toBe(ISSUER);
  for (const field of [
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
  ])
    expect(doc[field]).toMatch(new RegExp(`^${ISSUER}/`));
  expect(doc.response_types_supported).toEqual(["code"]);
  expect(doc.subject_types_supported).toContain("public");
  expect(doc.id_token_signing_alg_values_supported).toContain("RS256");
  expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email"]));
  expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
  const { keys } = await (await httpFetch(doc.jwks_uri)).json();
  for (const k of keys) expect(k).toMatchObject({ kty: "RSA", use: "sig", kid: expect.any(String) });
});

test("OP-Response-code, OP-nonce-code, OP-IDToken-RS256/-kid/-Signature, OP-scope-profile/-email, OP-ClientAuth-Basic, OP-UserInfo-*", async ({
  page,
}) => {
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const { callback } = await inBrowser(page, { state, nonce });
  const tokens = await tokensFor(callback, state, nonce);
  const claims = tokens.claims()!;
  expect(claims).toMatchObject({ sub: member.personId, nonce, email: member.email, given_name: "Basic" });
  expect(claims.auth_time).toEqual(expect.any(Number));
  const header = JSON.parse(Buffer.from(tokens.id_token!.split(".")[0], "base64url").toString());
  expect(header).toMatchObject({ alg: "RS256", kid: expect.any(String) });
  // OP-UserInfo-Endpoint/-Header (GET, bearer header) and -Body (POST with the token in the form).
  expect(await oidc.fetchUserInfo(config, tokens.access_token, member.personId)).toMatchObject({
    email: member.email,
  });
  const viaBody = await httpFetch(`${ISSUER}/api/oidc/userinfo`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ access_token: tokens.access_token }),
  });
  expect((await viaBody.json()).sub).toBe(member.personId);
});

test("OP-nonce-NoReq-code, OP-Req-NotUnderstood, -ui_locales, -claims_locales, -acr_values", async ({
  page,
}) => {
  const state = oidc.randomState();
  const extra = { state, foo: "bar", ui_locales: "fr", claims_locales: "fr", acr_values: "1 2" };
  const { callback } = await inBrowser(page, extra);
  const tokens = await tokensFor(callback, state);
  expect(tokens.claims()!.nonce).toBeUndefined();
});

test("OP-prompt-none-NotLoggedIn and OP-prompt-none-LoggedIn", async ({ page }) => {
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP,
    scope: "openid",
    state: "pn",
    prompt: "none",
  });
  const anonymous = await authorizeStep(url);
  expect(Object.fromEntries(anonymous.location!.searchParams)).toMatchObject({
    error: "login_required",
    state: "pn",
  });
  const cookie = await sessionCookie(page, member.email);
  const signedIn = await authorizeStep(url, cookie);
  expect(signedIn.location!.searchParams.get("code")).toBeTruthy();
});

test("OP-prompt-login: a signed-in member must sign in again; auth_time moves forward", async ({ page }) => {
  const first = await inBrowser(page, { state: "a" });
  const before = (await tokensFor(first.callback, "a")).claims()!.auth_time!;
  await page.waitForTimeout(1100); // auth_time has one-second resolution
  const again = await inBrowser(page, { state: "b", prompt: "login" });
  expect(again.sawSignIn).toBe(true);
  const after = (await tokensFor(again.callback, "b")).claims()!.auth_time!;
  expect(after).toBeGreaterThan(before);
});

test("OP-Req-max_age=1 forces a new sign-in; OP-Req-max_age=10000 does not", async ({ page }) => {
  await inBrowser(page, { state: "c" });
  await page.waitForTimeout(2100);
  const old = await inBrowser(page, { state: "d", max_age: "1" });
  expect(old.sawSignIn).toBe(true);
  expect((await tokensFor(old.callback, "d")).claims()!.auth_time).toEqual(expect.any(Number));
  const recent = await inBrowser(page, { state: "e", max_age: "10000" });
  expect(recent.sawSignIn).toBe(false);
  expect((await tokensFor(recent.callback, "e")).claims()!.auth_time).toEqual(expect.any(Number));
});

test("OP-Req-id_token_hint and OP-Req-login_hint", async ({ page, browser }) => {
  const first = await inBrowser(page, { state: "f" });
  const idToken = (await tokensFor(first.callback, "f")).id_token!;
  const hinted = await inBrowser(page, { state: "g", prompt: "none", id_token_hint: idToken });
  expect(hinted.callback.searchParams.get("code")).toBeTruthy();
  const fresh = await browser.newPage();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP,
    scope: "openid",
    state: "h",
    login_hint: member.email,
  });
  await fresh.goto(url.toString());
  await expect(fresh.getByLabel("Email")).toHaveValue(member.email);
  await fresh.close();
});

test("OP-redirect_uri-NotReg, -Missing, -Query-Added, -Query-Mismatch show an error page; -Query-OK works", async ({
  page,
}) => {
  const cookie = await sessionCookie(page, member.email);
  const at = (redirect: string | null) => {
    const p = new URLSearchParams({
      client_id: config.clientMetadata().client_id,
      response_type: "code",
      scope: "openid",
      state: "q",
    });
    if (redirect) p.set("redirect_uri", redirect);
    return `${ISSUER}/api/oidc/authorize?${p}`;
  };
  for (const bad of ["https://not-registered.example.com/cb", null, `${RP}?foo=bar`, `${RP}?tenant=b`]) {
    const step = await authorizeStep(at(bad), cookie);
    expect(step.status).toBe(400);
    expect(step.location).toBeNull();
  }
  const ok = await authorizeStep(at(RP_Q), cookie);
  expect(ok.location!.searchParams.get("tenant")).toBe("a");
  expect(ok.location!.searchParams.get("code")).toBeTruthy();
});

test("OP-Response-Missing: no response_type → invalid_request to the client", async ({ page }) => {
  const cookie = await sessionCookie(page, member.email);
  const p = new URLSearchParams({
    client_id: config.clientMetadata().client_id,
    redirect_uri: RP,
    scope: "openid",
    state: "m",
  });
  const step = await authorizeStep(`${ISSUER}/api/oidc/authorize?${p}`, cookie);
  expect(Object.fromEntries(step.location!.searchParams)).toMatchObject({
    error: "invalid_request",
    state: "m",
  });
});
