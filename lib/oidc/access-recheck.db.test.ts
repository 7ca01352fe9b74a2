// Issue 15 §5: deactivation, account removal and leaving a client's permitted group end a grant at the next
// request (code exchange and userinfo), the fresh-sign-in marker cannot be forged, and RP-initiated logout
// without proof of who asked needs the member's confirmation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/test/db";
import { setPersonActive } from "@/lib/records/people";
import { groupMembers, groups, users } from "@/db/schema";
import { authorize } from "./authorize";
import { signAuthAfter } from "./auth-after";
import { endSessionOutcome } from "./end-session";
import { userinfo } from "./userinfo";
import { authzParams, createClient, createMember, exchangeCode, ISSUER, queryOf } from "./test-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const redirectOf = (o: Awaited<ReturnType<typeof authorize>>) => {
  if (o.kind !== "redirect") throw new Error(`expected a redirect, got page "${o.title}"`);
  return o.url;
};

/** A member in a permitted group, a client limited to it, and a fresh code. */
async function grant() {
  const m = await createMember(t.db);
  const [g] = await t.db
    .insert(groups)
    .values({ name: `Board ${m.person.id}` })
    .returning({ id: groups.id });
  await t.db.insert(groupMembers).values({ groupId: g.id, recordType: "person", recordId: m.person.id });
  const c = await createClient(t.db, { permittedGroupIds: [g.id] });
  const code = queryOf(
    redirectOf(await authorize(t.db, ISSUER, authzParams(c.client.clientId), m.session)),
  ).code;
  expect(code).toBeTruthy();
  const redeem = () => exchangeCode(t.db, c.client.clientId, c.clientSecret, code);
  const leaveGroup = () =>
    t.db
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, g.id), eq(groupMembers.recordId, m.person.id)));
  const removeAccount = () => t.db.delete(users).where(eq(users.id, m.user.id));
  return { ...m, ...c, code, redeem, leaveGroup, removeAccount };
}

const losses = {
  deactivation: (g: Awaited<ReturnType<typeof grant>>) => setPersonActive(t.db, g.person.id, false, "cli"),
  "leaving the permitted group": (g: Awaited<ReturnType<typeof grant>>) => g.leaveGroup(),
  "account removal": (g: Awaited<ReturnType<typeof grant>>) => g.removeAccount(),
};

describe("a code issued before access was lost is not redeemed", () => {
  for (const [name, lose] of Object.entries(losses))
    it(`after ${name}: invalid_grant, no tokens`, async () => {
      const g = await grant();
      await lose(g);
      const res = await g.redeem();
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("invalid_grant");
      expect(res.body.access_token).toBeUndefined();
    });
});

describe("an access token stops answering at userinfo once access is lost", () => {
  for (const [name, lose] of Object.entries(losses))
    it(`after ${name}: 401 invalid_token, and the token stays revoked`, async () => {
      const g = await grant();
      const tokens = await g.redeem();
      const bearer = `Bearer ${tokens.body.access_token}`;
      expect((await userinfo(t.db, bearer, null)).status).toBe(200);
      await lose(g);
      const after = await userinfo(t.db, bearer, null);
      expect(after.status).toBe(401);
      expect(after.body.error).toBe("invalid_token");
      if (name === "deactivation") {
        await setPersonActive(t.db, g.person.id, true, "cli");
        expect((await userinfo(t.db, bearer, null)).status).toBe(401);
      }
    });
});

describe("the fresh-sign-in marker (gh_auth_after) cannot be forged", () => {
  it("an added, edited, other client's or stale marker does not let an old session through", async () => {
    const { session } = await createMember(t.db, 600);
    const { client } = await createClient(t.db);
    const other = await createClient(t.db);
    const now = Math.floor(Date.now() / 1000);
    const genuine = signAuthAfter(client.clientId, now - 700);
    const forged = [
      "0",
      `0.${genuine.split(".")[1]}`,
      `${now - 700}.${"A".repeat(43)}`,
      signAuthAfter(other.client.clientId, now - 700),
      signAuthAfter(client.clientId, now - 2 * 3600),
    ];
    for (const marker of forged) {
      const p = authzParams(client.clientId, { prompt: "login", gh_auth_after: marker });
      expect(redirectOf(await authorize(t.db, ISSUER, p, session)), marker).toContain("/sign-in?");
      const maxAge = authzParams(client.clientId, { max_age: "0", gh_auth_after: marker });
      expect(redirectOf(await authorize(t.db, ISSUER, maxAge, session)), marker).toContain("/sign-in?");
    }
    // The genuine marker, older than the session's sign-in, is honoured.
    const p = authzParams(client.clientId, { gh_auth_after: genuine });
    expect(queryOf(redirectOf(await authorize(t.db, ISSUER, p, session))).code).toBeTruthy();
  });
});

describe("RP-initiated logout", () => {
  async function idTokenFor() {
    const m = await createMember(t.db);
    const c = await createClient(t.db, { postLogoutRedirectUris: ["https://rp.example.com/bye"] });
    const code = queryOf(
      redirectOf(await authorize(t.db, ISSUER, authzParams(c.client.clientId), m.session)),
    ).code;
    const tokens = await exchangeCode(t.db, c.client.clientId, c.clientSecret, code);
    return { ...m, ...c, idToken: tokens.body.id_token as string };
  }
  const params = (o: Record<string, string>) => new URLSearchParams(o);

  it("without an id_token_hint a signed-in member is asked first; confirming signs out", async () => {
    const m = await idTokenFor();
    const p = params({
      client_id: m.client.clientId,
      post_logout_redirect_uri: "https://rp.example.com/bye",
      state: "s1",
    });
    const signedIn = { personId: m.person.id };
    expect(await endSessionOutcome(t.db, ISSUER, p, signedIn, false)).toEqual({ kind: "confirm" });
    expect(await endSessionOutcome(t.db, ISSUER, p, signedIn, true)).toEqual({
      kind: "sign-out",
      redirect: "https://rp.example.com/bye?state=s1",
    });
    // Nobody signed in: nothing to protect, straight to the registered address.
    expect((await endSessionOutcome(t.db, ISSUER, p, undefined, false)).kind).toBe("sign-out");
  });

  it("a genuine hint for the signed-in member signs out at once; a hint for someone else still asks", async () => {
    const m = await idTokenFor();
    const p = params({ id_token_hint: m.idToken });
    expect(await endSessionOutcome(t.db, ISSUER, p, { personId: m.person.id }, false)).toEqual({
      kind: "sign-out",
      redirect: null,
    });
    const someoneElse = await createMember(t.db);
    expect(await endSessionOutcome(t.db, ISSUER, p, { personId: someoneElse.person.id }, false)).toEqual({
      kind: "confirm",
    });
  });

  it("a hint that is not our signed ID token is refused", async () => {
    const m = await idTokenFor();
    const [h, , s] = m.idToken.split(".");
    const body = Buffer.from(
      JSON.stringify({ iss: ISSUER, aud: m.client.clientId, sub: m.person.id }),
    ).toString("base64url");
    const tampered = params({ id_token_hint: `${h}.${body}.${s}` });
    const outcome = await endSessionOutcome(t.db, ISSUER, tampered, { personId: m.person.id }, false);
    expect(outcome.kind).toBe("refused");
  });
});
