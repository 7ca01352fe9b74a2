// Talks to the functions through the SDK's own protocol: a private `serve()` handler (the same
// InngestCommHandler `/api/inngest` uses) called in-process with Web Request/Response objects.
import type { Inngest, InngestFunction, ServeHandlerOptions } from "inngest";
import { serve } from "inngest/edge";
import type { CallResult, Op, SerializedError } from "./types";

// The handler resolves URLs against the Host header; nothing listens here, it only has to be well formed.
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

export function createTransport(client: Inngest.Any, functions: readonly InngestFunction.Any[]): Transport {
  // skipSignatureValidation is an InngestCommHandler option that the edge adapter passes through but
  // does not declare: the handler is private to this process, so there is nobody to authenticate.
  const options: ServeHandlerOptions & { skipSignatureValidation: boolean } = {
    client,
    functions,
    servePath,
    skipSignatureValidation: true,
  };
  const handler = serve(options);
  const request = (method: string, query: string, body: unknown, headers: Record<string, string> = {}) =>
    handler(
      new Request(`${origin}${servePath}${query}`, {
        method,
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", host: "embedded.local", ...headers },
      }),
    );

  return {
    async sync() {
      const res = await request(
        "PUT",
        "",
        { url: `${origin}${servePath}` },
        { "x-inngest-sync-kind": "in_band" },
      );
      const text = await res.text();
      if (res.status !== 200) throw new Error(`In-band sync failed (${res.status}): ${text}`);
      return (JSON.parse(text) as { functions: RawFunctionConfig[] }).functions;
    },
    async call(fnId, stepId, body) {
      const query = `?fnId=${encodeURIComponent(fnId)}&stepId=${encodeURIComponent(stepId)}`;
      const res = await request("POST", query, body);
      return parseResponse(res);
    },
  };
}

/** Maps an SDK response to what the executor does next (status codes per the protocol notes, 1.4). */
export async function parseResponse(res: Response): Promise<CallResult> {
  const version = Number(res.headers.get("x-inngest-req-version") ?? -1);
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (res.status === 200) return { kind: "done", output: body ?? null, version };
  if (res.status === 206) return { kind: "ops", ops: body as Op[], version, retryAfterMs: retryAfter(res) };
  const noRetry = res.headers.get("x-inngest-no-retry") === "true";
  const error = (body && typeof body === "object" ? body : { message: text }) as SerializedError;
  if (res.status === 500 || res.status === 400)
    return { kind: "error", error, retriable: !noRetry, retryAfterMs: retryAfter(res), version };
  // Anything else (201 streaming, 401…) means the SDK and the executor disagree: never guess.
  throw new Error(`Unexpected SDK response ${res.status}: ${text.slice(0, 500)}`);
}

function retryAfter(res: Response): number | undefined {
  const value = res.headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
