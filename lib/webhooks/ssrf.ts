// Webhook targets are an SSRF risk: only http(s), never loopback/private/link-local/metadata/reserved
// addresses in any spelling. The WHATWG URL parser already canonicalises IPv4 written as 127.1, decimal
// (2130706433), hex (0x7f.1) or octal, and IPv6 forms; ipaddr.js classifies the result (IPv4-mapped IPv6
// is unwrapped first). Names are resolved and EVERY address must be public; delivery checks again and
// connects to the address it checked (DNS rebinding). The site setting allowPrivateTargets relaxes it.
import dns from "node:dns";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/core/errors";

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

const blockedNames = [/^localhost$/i, /\.localhost$/i, /\.local$/i, /\.internal$/i, /^metadata$/i];

/** True when an address may be called: plain public unicast only. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address); // unwraps ::ffff:a.b.c.d
  return ip.range() === "unicast";
}

export type CheckedTarget = { url: URL; address: string; family: number };

/** Throws invalid_input naming `field` unless the URL is an acceptable webhook target. */
export async function checkWebhookTarget(
  raw: string,
  opts: { allowPrivate: boolean; field?: string; resolve?: Resolver },
): Promise<CheckedTarget> {
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
  if (!opts.allowPrivate && blockedNames.some((re) => re.test(host)))
    fail("Local and internal host names are not allowed");
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      return fail(`The host ${host} could not be resolved`);
    }
    if (addresses.length === 0) fail(`The host ${host} could not be resolved`);
  }
  if (!opts.allowPrivate)
    for (const a of addresses)
      if (!isPublicAddress(a.address))
        fail(
          `The address ${a.address} is private, loopback, link-local or reserved; only public addresses are allowed`,
        );
  return { url, address: addresses[0].address, family: addresses[0].family };
}
