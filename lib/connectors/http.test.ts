// The shared HTTP client against the Mobilize stand-in over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { HttpClient, HttpError, retryAfterMs } from "./http";
import { pageAll } from "./mobilize/paging";

let s: MobilizeStandIn;
const auth = { authorization: `Basic ${Buffer.from("k:s").toString("base64")}` };
const waits: number[] = [];
const client = (over: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({
    baseUrl: s.url,
    headers: auth,
    sleep: async (ms) => void waits.push(ms),
    timeoutMs: 2000,
    ...over,
  });
const faults = (body: object) =>
  fetch(`http://localhost:${s.port}/__faults`, { method: "POST", body: JSON.stringify(body) });

beforeAll(async () => {
  s = await startMobilizeStandIn({ apiKey: "k", apiSecret: "s" });
  for (let i = 0; i < 7; i++) s.state.createGroup({ name: `G${i}` });
});
afterAll(() => s.close());
beforeEach(async () => {
  waits.length = 0;
  await faults({ rate: 0 });
});

describe("HttpClient", () => {
  it("pages through a bare-array list by what arrived, until an empty page", async () => {
    const all = await pageAll<{ id: number }>(client(), "/groups", 3, {}, (g) => String(g.id));
    expect(all).toHaveLength(7);
    expect(s.counters().byRoute["GET /v1/groups"]).toBeGreaterThanOrEqual(3);
  });

  it("honours 429 Retry-After and then succeeds", async () => {
    await faults({ rate: 1, kinds: ["429"], retryAfterSeconds: 2 });
    const c = client({ maxAttempts: 3 });
    await expect(c.request("GET", "/groups")).rejects.toMatchObject({ kind: "rate_limited", status: 429 });
    expect(waits).toEqual([2000, 2000]);
  });

  it("retries reads on 5xx and dropped connections", async () => {
    await faults({ rate: 0.5, kinds: ["500", "drop"], seed: 7 });
    for (let i = 0; i < 10; i++) await client({ maxAttempts: 10 }).request("GET", "/groups");
    expect(s.counters().faults).toBeGreaterThan(0);
  });

  it("does not resend a write after an answer-less failure: it reports it as ambiguous", async () => {
    await faults({ rate: 1, kinds: ["drop_after"] });
    const err = await client()
      .request("POST", "/groups", { body: { name: "Once" } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ ambiguous: true });
    expect([...s.state.groups.values()].filter((g) => g.name === "Once")).toHaveLength(1);
  });

  it("resends Authorization after a cross-origin redirect", async () => {
    const base = s.url.replace("/v1", "/moved/v1");
    const body = await client({ baseUrl: base }).request<unknown[]>("GET", "/groups", {
      query: { limit: 1 },
    });
    expect(body).toHaveLength(1);
  });

  it("maps bad credentials to an auth error without retrying", async () => {
    const before = s.counters().requests;
    const c = new HttpClient({ baseUrl: s.url, headers: { authorization: "Basic eDp5" } });
    await expect(c.request("GET", "/groups")).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(s.counters().requests - before).toBe(1);
  });

  it("reports an unreachable server", async () => {
    const c = client({ baseUrl: "http://127.0.0.1:1/v1", maxAttempts: 2 });
    await expect(c.request("GET", "/groups")).rejects.toMatchObject({ kind: "unreachable" });
  });

  it("parses Retry-After as seconds or a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
