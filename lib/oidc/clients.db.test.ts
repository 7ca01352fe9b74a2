// SSO client settings: redirect URL rules, hashed secrets shown once, regenerate with a grace period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/test/db";
import { ssoClients } from "@/db/schema";
import { deleteSsoClient, getSsoClient, listSsoClients } from "@/db/queries/sso-clients";
import {
  createSsoClient,
  regenerateSsoClientSecret,
  secretMatches,
  updateSsoClient,
} from "@/lib/oidc/clients";
import { AppError } from "@/lib/core/errors";
import { redirectUriProblem } from "@/lib/schemas/sso-client";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected an error");
};

describe("redirect URL rules", () => {
  it.each([
    ["https://x.mobilize.io/users/auth/openidconnect/callback", null],
    ["http://localhost:4000/cb", null],
    ["http://127.0.0.1:4000/cb", null],
    ["http://partner.example.com/cb", /https/],
    ["https://partner.example.com/cb#frag", /fragment/],
    ["partner.example.com/cb", /full URL/],
    ["javascript:alert(1)", /https/],
  ])("%s", (uri, expected) => {
    const problem = redirectUriProblem(uri);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("SSO clients", () => {
  it("rejects bad input naming the field, writing nothing", async () => {
    const before = (await listSsoClients(t.db)).length;
    const e = await errorOf(
      createSsoClient(t.db, { name: "", redirectUris: ["http://evil.example.com/cb"] }),
    );
    expect(e.code).toBe("invalid_input");
    expect(e.details?.fields?.map((f) => f.field)).toEqual(expect.arrayContaining(["name", "redirectUris"]));
    expect(await listSsoClients(t.db)).toHaveLength(before);
  });

  it("stores only a hash of the secret, and edits/deletes", async () => {
    const { client, clientSecret } = await createSsoClient(t.db, {
      name: "Mobilize",
      redirectUris: ["https://c.mobilize.io/users/auth/openidconnect/callback"],
    });
    expect(JSON.stringify(client)).not.toContain(clientSecret);
    expect(secretMatches(client, clientSecret)).toBe(true);
    expect(secretMatches(client, `${clientSecret}x`)).toBe(false);
    const edited = await updateSsoClient(t.db, client.id, {
      name: "Mobilize 2",
      redirectUris: ["https://b.example/cb"],
    });
    expect(edited.redirectUris).toEqual(["https://b.example/cb"]);
    await deleteSsoClient(t.db, client.id);
    expect(await getSsoClient(t.db, client.id)).toBeNull();
    expect((await errorOf(deleteSsoClient(t.db, client.id))).code).toBe("not_found");
  });

  it("regenerate: the old secret works during the grace period only; grace 0 revokes it at once", async () => {
    const { client, clientSecret: first } = await createSsoClient(t.db, {
      name: "HL",
      redirectUris: ["https://h.example/cb"],
    });
    const { client: c2, clientSecret: second } = await regenerateSsoClientSecret(t.db, client.id, 24);
    expect(secretMatches(c2, second)).toBe(true);
    expect(secretMatches(c2, first)).toBe(true);
    await t.db
      .update(ssoClients)
      .set({ previousSecretExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(ssoClients.id, client.id));
    expect(secretMatches((await getSsoClient(t.db, client.id))!, first)).toBe(false);
    const { client: c3, clientSecret: third } = await regenerateSsoClientSecret(t.db, client.id, 0);
    expect(secretMatches(c3, second)).toBe(false);
    expect(secretMatches(c3, third)).toBe(true);
    expect((await errorOf(regenerateSsoClientSecret(t.db, client.id, -1))).code).toBe("invalid_input");
  });
});
