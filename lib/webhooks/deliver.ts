// One delivery attempt: the target is checked again right now and the connection goes to the address that
// was checked (so a DNS answer that changed since the check cannot redirect it); redirects are not followed.
import http from "node:http";
import https from "node:https";
import { checkOutboundTarget, type Resolver } from "@/lib/outbound/address-guard";

export type DeliveryResult = { status: number; excerpt: string };
const EXCERPT = 500;

export async function deliverOnce(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  opts: { allowPrivate: boolean; timeoutMs?: number; resolve?: Resolver },
): Promise<DeliveryResult> {
  const target = await checkOutboundTarget(rawUrl, {
    allowPrivate: opts.allowPrivate,
    resolve: opts.resolve,
  });
  const lib = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target.url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-length": Buffer.byteLength(body),
          "user-agent": "Guildhall-Webhooks/1",
        },
        timeout: opts.timeoutMs ?? 10_000,
        lookup: (_host, o, cb) => {
          if ((o as { all?: boolean }).all)
            (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
              { address: target.address, family: target.family },
            ]);
          else cb(null, target.address, target.family);
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < EXCERPT) text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, excerpt: text.slice(0, EXCERPT) }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("The endpoint did not answer in time")));
    req.on("error", reject);
    req.end(body);
  });
}
