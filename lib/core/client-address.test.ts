// Issue 15 §7: a forwarded address is believed only from a configured proxy; otherwise the client is the
// connection's own address, whatever headers it sends. Over real HTTP on loopback.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientAddressOf, PEER_HEADER, stampPeerAddresses } from "./client-address";
import { env } from "./env";

let server: http.Server;
let port: number;
beforeAll(async () => {
  stampPeerAddresses();
  server = http.createServer((req, res) => {
    const headers = new Headers(req.headers as Record<string, string>);
    res.end(JSON.stringify({ address: clientAddressOf(headers) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  env.GUILDHALL_TRUSTED_PROXIES = undefined;
});

async function addressSeen(headers: Record<string, string>): Promise<string | null> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return ((await res.json()) as { address: string | null }).address;
}

describe("client address", () => {
  it("without a trusted proxy: the connection's address, whatever X-Forwarded-For or the stamp header say", async () => {
    expect(await addressSeen({})).toBe("127.0.0.1");
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" })).toBe(
      "127.0.0.1",
    );
    expect(await addressSeen({ [PEER_HEADER]: "203.0.113.11" })).toBe("127.0.0.1");
  });

  it("from a trusted proxy: the nearest forwarded address that is not itself a trusted proxy", async () => {
    env.GUILDHALL_TRUSTED_PROXIES = "127.0.0.1, 10.0.0.0/8";
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9" })).toBe("203.0.113.9");
    // The client wrote the left entry itself; the proxies appended the right ones.
    expect(await addressSeen({ "x-forwarded-for": "198.51.100.1, 203.0.113.9, 10.1.2.3" })).toBe(
      "203.0.113.9",
    );
    expect(await addressSeen({ "x-forwarded-for": "::ffff:203.0.113.9" })).toBe("203.0.113.9");
    // Nothing forwarded, or a malformed hop: the proxy's own address, never a guess.
    expect(await addressSeen({})).toBe("127.0.0.1");
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9, not-an-address" })).toBe("127.0.0.1");
  });

  it("a proxy not in the setting is not believed", async () => {
    env.GUILDHALL_TRUSTED_PROXIES = "10.0.0.0/8";
    expect(await addressSeen({ "x-forwarded-for": "203.0.113.9" })).toBe("127.0.0.1");
  });
});
