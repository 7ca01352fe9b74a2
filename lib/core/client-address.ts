// Who is calling, for sign-in throttling and API usage. Route handlers see only headers (Next.js hands them
// no socket), and X-Forwarded-For is whatever the client wrote. So the server stamps each request with the
// connection's own address (stampPeerAddresses, from instrumentation.ts: Node's `http.server.request.start`
// diagnostics channel fires before Next reads the request) over any header of that name the client sent, and
// a forwarded address is believed only when the connection comes from a configured proxy.
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";
import { env, listOf } from "./env";

export const PEER_HEADER = "x-guildhall-peer";
// On globalThis: instrumentation and the route bundles may each hold their own copy of this module.
const STAMPED = Symbol.for("guildhall.peer-addresses-stamped");
const flags = globalThis as { [STAMPED]?: boolean };

/** Installs the stamp (once per process). */
export function stampPeerAddresses(): void {
  if (flags[STAMPED]) return;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const request = (message as { request: IncomingMessage }).request;
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
  });
  flags[STAMPED] = true;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

let trusted: { source: string | undefined; ranges: Range[] } | null = null;
function trustedRanges(): Range[] {
  if (trusted?.source !== env.GUILDHALL_TRUSTED_PROXIES || !trusted) {
    const ranges = listOf(env.GUILDHALL_TRUSTED_PROXIES).map((entry): Range => {
      if (entry.includes("/")) return ipaddr.parseCIDR(entry);
      const addr = ipaddr.parse(entry);
      return [addr, addr.kind() === "ipv4" ? 32 : 128];
    });
    trusted = { source: env.GUILDHALL_TRUSTED_PROXIES, ranges };
  }
  return trusted.ranges;
}

/** The address in canonical form (IPv4-mapped IPv6 as plain IPv4), or null if it is not an address. */
function canonical(raw: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = raw?.trim().replace(/^\[(.*)\]$/, "$1");
  if (!value || !ipaddr.isValid(value)) return null;
  const addr = ipaddr.parse(value);
  return addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}

const isTrusted = (addr: ipaddr.IPv4 | ipaddr.IPv6) =>
  trustedRanges().some(([range, bits]) => addr.kind() === range.kind() && addr.match(range, bits));

/**
 * The client's address: the connection's, or, when that is a trusted proxy, the nearest address in
 * X-Forwarded-For that is not itself a trusted proxy. null when the server did not stamp the request (a
 * request not from our HTTP server, e.g. `next dev` without instrumentation); a client-sent header is then
 * never believed.
 */
export function clientAddressOf(headers: Headers): string | null {
  if (!flags[STAMPED]) return null;
  const peer = canonical(headers.get(PEER_HEADER));
  if (!peer) return null;
  if (!isTrusted(peer)) return peer.toString();
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(canonical);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!hop) return peer.toString(); // a malformed hop: believe nothing past it
    if (!isTrusted(hop)) return hop.toString();
  }
  return (hops[0] ?? peer).toString();
}
