// The request log's retention: requests older than REQUEST_LOG_DAYS go, in batches; newer ones stay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { seedKey } from "@/test/api-harness";
import { pruneRequestLog, REQUEST_LOG_DAYS, requestsPerDay } from "./api-keys-usage";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

describe("request log retention", () => {
  it("deletes requests older than the retention, more than one batch of them, and keeps the rest", async () => {
    const { key } = await seedKey(t, { name: "logged" });
    const insert = (n: number, ageDays: number) => t.sql`
      insert into api_request_log (api_key_id, at, method, path, status, latency_ms)
      select ${key.id}, now() - make_interval(days => ${ageDays}), 'GET', '/api/v1/members', 200, 5
      from generate_series(1, ${n})`;
    await insert(10_050, REQUEST_LOG_DAYS + 10);
    await insert(3, REQUEST_LOG_DAYS - 1);
    await insert(2, 0);

    expect(await pruneRequestLog(t.db)).toBe(10_050);
    const left = await t.sql`select count(*)::int as n, min(at) as oldest from api_request_log`;
    expect(left[0].n).toBe(5);
    expect(new Date(left[0].oldest).getTime()).toBeGreaterThan(Date.now() - REQUEST_LOG_DAYS * 86_400_000);
    expect(await pruneRequestLog(t.db)).toBe(0);
    const perDay = await requestsPerDay(t.db, key.id);
    expect(perDay.at(-1)?.n).toBe(2);
  });
});
