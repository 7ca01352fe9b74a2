// Signing keys: encrypted at rest, unique kids, rotation keeps old keys published until their tokens expire.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify } from "jose";
import { createTestDb, type TestDb } from "@/test/db";
import { oidcSigningKeys } from "@/db/schema";
import { signIdToken } from "./claims";
import { openSecret } from "@/lib/core/crypto";
import { getActiveSigningKey, publishedKeys, rotateSigningKeys } from "./keys";
import { expireRetiredKeys } from "@/db/queries/oidc-keys";
import { ISSUER } from "./test-fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const sign = () =>
  signIdToken(t.db, { issuer: ISSUER, clientId: "rp", claims: { sub: "p1" }, nonce: "n", authTime: 1 });
const verifyWithJwks = async (token: string) =>
  jwtVerify(token, createLocalJWKSet(await publishedKeys(t.db)), { issuer: ISSUER, audience: "rp" });

describe("signing keys", () => {
  it("creates one RS256 key on first use (even when asked concurrently), private half encrypted", async () => {
    const keys = await Promise.all([1, 2, 3].map(() => getActiveSigningKey(t.db)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const rows = await t.db.select().from(oidcSigningKeys);
    expect(rows).toHaveLength(1);
    expect(rows[0].alg).toBe("RS256");
    expect(rows[0].publicJwk).not.toHaveProperty("d");
    expect(rows[0].privateKeyEnc).not.toContain('"d"');
    expect(JSON.parse(openSecret("oidc-keys", rows[0].privateKeyEnc))).toHaveProperty("d");
  });

  it("rotation: new tokens use the new kid; the old key stays in the JWKS until its tokens expire", async () => {
    const oldToken = await sign();
    const { kid, retired } = await rotateSigningKeys(t.db);
    expect(retired).toHaveLength(1);
    expect(retired[0]).not.toBe(kid);
    const newToken = await sign();
    expect((await verifyWithJwks(newToken)).protectedHeader.kid).toBe(kid);
    // Old key still published: tokens signed before the rotation still verify.
    expect((await verifyWithJwks(oldToken)).payload.sub).toBe("p1");
    expect((await publishedKeys(t.db)).keys.map((k) => k.kid)).toEqual([kid, retired[0]]);
    // Once its tokens have expired the old key leaves the JWKS, and a relying party rejects its tokens.
    await expireRetiredKeys(t.db);
    expect((await publishedKeys(t.db)).keys.map((k) => k.kid)).toEqual([kid]);
    await expect(verifyWithJwks(oldToken)).rejects.toMatchObject({ code: "ERR_JWKS_NO_MATCHING_KEY" });
  });
});
