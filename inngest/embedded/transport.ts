// Talks to the functions through the SDK's own protocol: a private InngestCommHandler (the class every
// `serve()` adapter, `/api/inngest` included, is built on) called in-process. Its request adapter hands the
// SDK the call body as an object and takes the response back as plain status/headers/body, so no Web
// Request/Response is built and the body is never serialised just to be parsed again on the other side.
import { InngestCommHandler, type Inngest, type InngestFunction } from "inngest";
import type { CallResult, Op, SerializedError } from "./types";

// The handler resolves URLs against the request's origin; nothing listens here, it only has to be well formed.
const origin = "http://embedded.local";
const servePath = "/api/inngest";

export type Transport = {
  sync: () => Promise<RawFunctionConfig[]>;
  call: (fnId: string, stepId: string, body: unknown) => Promise<CallResult>;
};

export type RawFunctionConfig = Record<string, unknown> & {
  id: string;
  name: string;
  triggers: Record<string, unknown>[];
  steps: Record<string, { retries?: { attempts?: number } }>;
};

/** What the SDK answers: the `ActionResponse` it would otherwise turn into an HTTP response. */
export type SdkResponse = { status: number; headers: Record<string, string>; body: string };

type InProcessRequest = {
  method: "POST" | "PUT";
  url: URL;
  body: unknown;
  headers: Record<string, string>;
};

export function createTransport(client: Inngest.Any, functions: readonly InngestFunction.Any[]): Transport {
  const comm = new InngestCommHandler({
    frameworkName: "guildhall-embedded",
    client,
    functions,
    servePath,
    // The handler is private to this process (no port, no route): there is nobody to authenticate.
    skipSignatureValidation: true,
    handler: (req: InProcessRequest) => ({
      body: () => req.body,
      headers: (key: string) => req.headers[key.toLowerCase()] ?? null,
      method: () => req.method,
      url: () => req.url,
      transformResponse: (res: SdkResponse) => res,
    }),
  });
  const handler = comm.createHandler() as (req: InProcessRequest) => Promise<SdkResponse>;

  return {
    async sync() {
      const url = new URL(`${origin}${servePath}`);
      const res = await handler({
        method: "PUT",
        url,
        body: { url: url.href },
        headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
      });
      if (res.status !== 200) throw new Error(`In-band sync failed (${res.status}): ${res.body}`);
      return (JSON.parse(res.body) as { functions: RawFunctionConfig[] }).functions;
    },
    async call(fnId, stepId, body) {
      const url = new URL(`${origin}${servePath}`);
      url.searchParams.set("fnId", fnId);
      url.searchParams.set("stepId", stepId);
      const res = await handler({
        method: "POST",
        url,
        body,
        headers: { "content-type": "application/json" },
      });
      return parseResponse(res);
    },
  };
}

const header = (res: SdkResponse, name: string): string | undefined => {
  for (const key in res.headers) if (key.toLowerCase() === name) return res.headers[key];
  return undefined;
};

/** Maps an SDK response to what the executor does next (status codes per the protocol notes, 1.4). */
export function parseResponse(res: SdkResponse): CallResult {
  const version = Number(header(res, "x-inngest-req-version") ?? -1);
  const text = res.body;
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (res.status === 200) return { kind: "done", output: body ?? null, version };
  if (res.status === 206) {
    const ops = body as Op[];
    // A checkpointing call (checkpoint.ts) ends with the return value as a RunComplete op.
    if (ops.length === 1 && ops[0].op === "RunComplete")
      return { kind: "done", output: ops[0].data ?? null, version };
    return { kind: "ops", ops, version, retryAfterMs: retryAfter(res) };
  }
  const noRetry = header(res, "x-inngest-no-retry") === "true";
  const error = (body && typeof body === "object" ? body : { message: text }) as SerializedError;
  if (res.status === 500 || res.status === 400)
    return { kind: "error", error, retriable: !noRetry, retryAfterMs: retryAfter(res), version };
  // Anything else (201 streaming, 401…) means the SDK and the executor disagree: never guess.
  throw new Error(`Unexpected SDK response ${res.status}: ${text.slice(0, 500)}`);
}

function retryAfter(res: SdkResponse): number | undefined {
  const value = header(res, "retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
