// THE address guard of every outbound call the site makes to an address someone typed (webhook URLs,
// connector base URLs, affiliated sites' feeds): an SSRF risk, so only http(s), never loopback/private/
// link-local/metadata/reserved addresses in any spelling. The WHATWG URL parser already canonicalises IPv4
// written as 127.1, decimal (2130706433), hex (0x7f.1) or octal, and IPv6 forms; ipaddr.js classifies the
// result (IPv4-mapped IPv6 is unwrapped first). Names are resolved and EVERY address must be public; callers
// check again at call time and connect to the address they checked (DNS rebinding).
// Two documented relaxations, both off by default: the site setting "Allow private webhook targets" (staff,
// for on-premise partners) and GUILDHALL_OUTBOUND_ALLOW (operators: hosts such as the stand-ins on loopback).
import dns from "node:dns";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

const blockedNames = [/^localhost$/i, /\.localhost$/i, /\.local$/i, /\.internal$/i, /^metadata$/i];

/** True when an address may be called: plain public unicast only. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address); // unwraps ::ffff:a.b.c.d
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated; the URL parser writes [::127.0.0.1] as [::7f00:1]) reaches
  // the embedded IPv4 address on some stacks, yet ipaddr.js calls it unicast: never public.
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return false;
  return ip.range() === "unicast";
}

export type CheckedTarget = { url: URL; address: string; family: number };

/** Hosts (`host` or `host:port`) the operator allows although they are private or loopback. */
const allowList = () =>
  (env.GUILDHALL_OUTBOUND_ALLOW ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

/** Whether the operator's allow-list names this URL's host (with or without its port). */
export function operatorAllows(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allowList().some((a) => a === host || a === `${host}:${port}`);
}

type GuardOptions = { allowPrivate: boolean; field?: string; resolve?: Resolver };

/**
 * Throws invalid_input naming `field` unless the URL is an acceptable outbound target: resolved, and every
 * address it resolves to checked (at every delivery and connection).
 */
export async function checkOutboundTarget(raw: string, opts: GuardOptions): Promise<CheckedTarget> {
  return (await guard(raw, opts, true))!;
}

/**
 * The same rules when a URL is saved, except that a host name is not looked up yet: a partner's endpoint
 * may not be live when staff enter it. Syntax, blocked names and literal addresses are checked now; the
 * name is resolved and checked at every delivery.
 */
export async function checkTargetAtSave(raw: string, opts: GuardOptions): Promise<void> {
  await guard(raw, opts, false);
}

async function guard(raw: string, opts: GuardOptions, resolveNames: boolean): Promise<CheckedTarget | null> {
  const field = opts.field ?? "url";
  const fail = (why: string): never => {
    throw new AppError("invalid_input", `${field}: ${why}`, { fields: [{ field, message: why }] });
  };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail("Enter a full URL starting with https://");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail("Only http and https URLs are allowed");
  if (url.username || url.password) fail("URLs with a user name or password are not allowed");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!host) fail("The URL has no host");
  const allowPrivate = opts.allowPrivate || operatorAllows(url);
  if (!allowPrivate && blockedNames.some((re) => re.test(host)))
    fail("Local and internal host names are not allowed");
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else if (!resolveNames) return null;
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      return fail(`The host ${host} could not be resolved`);
    }
    if (addresses.length === 0) fail(`The host ${host} could not be resolved`);
  }
  if (!allowPrivate)
    for (const a of addresses)
      if (!isPublicAddress(a.address))
        fail(
          `The address ${a.address} is private, loopback, link-local or reserved; only public addresses are allowed`,
        );
  return { url, address: addresses[0].address, family: addresses[0].family };
}
