// Postgres only: a key revoked by ANOTHER process (its own connection, no in-process invalidation) stops
// working on the next request, through LISTEN/NOTIFY rather than the cache TTL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectPostgres, type DbHandle } from "@/db/client";
import { revokeApiKey } from "@/db/queries/api-keys";
import { createTestDb, type TestDb } from "@/test/db";
import { call, closeTestHandle, seedKey, useTestHandle } from "@/test/api-harness";

let t: TestDb;
let other: DbHandle;
beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  other = connectPostgres(t.url!, 1);
});
afterAll(async () => {
  await other.close();
  await closeTestHandle(t);
});

it("revocation by another process reaches this process's cache before the next request", async () => {
  const { key, secret } = await seedKey(t, { name: "elsewhere" });
  expect((await call("GET /api/v1/custom-fields", { key: secret })).status).toBe(200);
  expect((await call("GET /api/v1/custom-fields", { key: secret })).status).toBe(200); // served from cache
  await revokeApiKey(other.db, key.id);
  await new Promise((r) => setTimeout(r, 100)); // NOTIFY is delivered at commit; well under the 2 s TTL
  expect((await call("GET /api/v1/custom-fields", { key: secret })).status).toBe(401);
});
