// The shared HTTP client against the Mobilize stand-in over real HTTP.
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/core/env";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { startRecordingServer, type RecordingServer } from "@/test/recording-server";
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

  it("refuses a cross-origin redirect and sends nothing to the other origin", async () => {
    // /moved/ answers 302 from localhost to 127.0.0.1 (same port, another origin).
    const before = s.counters().requests;
    const base = s.url.replace("/v1", "/moved/v1");
    const err = await client({ baseUrl: base })
      .request("GET", "/groups", { query: { limit: 1 } })
      .catch((e: unknown) => e);
    // Refused by the address guard (loopback, not allowed) or, when allowed, as another origin.
    expect(err).toMatchObject({ kind: "unexpected", message: expect.stringMatching(/redirect/) });
    expect(s.counters().requests - before).toBe(0);
  });

  it("follows a same-origin redirect with the credentials", async () => {
    const r = await startRecordingServer((q) =>
      q.path.startsWith("/old/")
        ? { status: 301, headers: { location: q.path.replace("/old/", "/new/") } }
        : { status: 200, body: "[1]" },
    );
    const saved = env.GUILDHALL_OUTBOUND_ALLOW;
    env.GUILDHALL_OUTBOUND_ALLOW = `127.0.0.1:${r.port}`;
    try {
      const body = await client({ baseUrl: `${r.origin}/old` }).request<unknown[]>("GET", "/groups");
      expect(body).toEqual([1]);
      expect(r.requests.map((q) => [q.path, q.headers.authorization])).toEqual([
        ["/old/groups", auth.authorization],
        ["/new/groups", auth.authorization],
      ]);
    } finally {
      env.GUILDHALL_OUTBOUND_ALLOW = saved;
      await r.close();
    }
  });

  describe("redirects and error answers against plain servers on 127.0.0.1", () => {
    let a: RecordingServer;
    let b: RecordingServer;
    let saved: string | undefined;
    beforeAll(async () => {
      a = await startRecordingServer();
      b = await startRecordingServer();
      saved = env.GUILDHALL_OUTBOUND_ALLOW;
    });
    afterAll(async () => {
      env.GUILDHALL_OUTBOUND_ALLOW = saved;
      await a.close();
      await b.close();
    });
    beforeEach(() => {
      a.requests.length = 0;
      b.requests.length = 0;
    });

    it("never sends Authorization to another origin, even an allowed one", async () => {
      env.GUILDHALL_OUTBOUND_ALLOW = `127.0.0.1:${a.port},127.0.0.1:${b.port}`;
      a.reply = () => ({ status: 302, headers: { location: `${b.origin}/v1/groups` } });
      const err = await client({ baseUrl: `${a.origin}/v1` })
        .request("GET", "/groups")
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttpError);
      expect(err).toMatchObject({ kind: "unexpected", message: expect.stringMatching(/another origin/) });
      expect(a.requests).toHaveLength(1);
      expect(b.requests).toHaveLength(0);
    });

    it("checks every redirect target with the outbound address guard", async () => {
      env.GUILDHALL_OUTBOUND_ALLOW = `127.0.0.1:${a.port}`; // b is loopback and not allowed
      a.reply = () => ({ status: 307, headers: { location: `${b.origin}/v1/groups` } });
      const err = await client({ baseUrl: `${a.origin}/v1` })
        .request("GET", "/groups")
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        kind: "unexpected",
        message: expect.stringMatching(/refused: .*private, loopback/),
      });
      expect(b.requests).toHaveLength(0);
    });

    it("stops after maxRedirects hops", async () => {
      env.GUILDHALL_OUTBOUND_ALLOW = `127.0.0.1:${a.port}`;
      a.reply = (q) => ({ status: 302, headers: { location: `${q.path}x` } });
      const err = await client({ baseUrl: `${a.origin}/v1`, maxRedirects: 2 })
        .request("GET", "/groups")
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: "unexpected", message: expect.stringMatching(/too many redirects/) });
      expect(a.requests).toHaveLength(3);
    });

    it.each([
      [422, '{"error_message":"REMOTE-DETAIL key=k secret=s"}', "client", "HTTP 422 Unprocessable Entity"],
      [500, "<html>REMOTE-DETAIL stack trace</html>", "server", "HTTP 500 Internal Server Error"],
      [403, '{"message":"REMOTE-DETAIL"}', "auth", "HTTP 403 Forbidden"],
    ])("summarizes a %i answer as its status, never its body", async (status, body, kind, summary) => {
      env.GUILDHALL_OUTBOUND_ALLOW = `127.0.0.1:${a.port}`;
      a.reply = () => ({ status, body });
      const err = await client({ baseUrl: `${a.origin}/v1`, maxAttempts: 1 })
        .request("POST", "/groups", { body: {} })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ kind, status, message: summary });
      // What a log would print of the error (own properties included) holds nothing of the body.
      expect(inspect(err, { depth: 5 })).not.toContain("REMOTE-DETAIL");
    });
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
