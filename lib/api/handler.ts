// THE wrapper of every /api/v1 verb: bearer → SHA-256 → key (cached, see key-cache.ts) → family scope →
// rate limit → body (size-capped JSON) → handler → one error shape. Handlers throw AppError; they never
// build an error response themselves. Unknown errors become 500s logged without secrets or bodies.
import { getHandle, type Db } from "@/db/client";
import { AppError, safeErrorSummary } from "@/lib/core/errors";
import { findNul } from "@/lib/schemas/typed-values";
import { clientAddressOf } from "@/lib/core/client-address";
import { hashToken } from "@/lib/core/crypto";
import { looksLikeKey } from "@/lib/api-keys/secret";
import { resolveApiKey, type ResolvedKey } from "@/lib/api-keys/cache";
import { checkFamily, type ApiFamily } from "@/lib/api-keys/scope";
import { takeRateLimit } from "./rate-limit";
import { recordApiRequest } from "./usage";

export const MAX_BODY_BYTES = 64 * 1024;

export type ApiContext<P> = { req: Request; url: URL; key: ResolvedKey; params: P; db: Db; body: unknown };
export type ApiResult = { status?: number; body: unknown; headers?: Record<string, string> };

export function errorResponse(e: AppError, headers: Record<string, string> = {}): Response {
  const error: Record<string, unknown> = { code: e.code, message: e.message };
  if (e.details) error.details = e.details;
  return Response.json({ error }, { status: e.status, headers });
}

function bearerOf(req: Request): string {
  const header = req.headers.get("authorization");
  if (!header)
    throw new AppError("unauthorized", "Missing API key. Send the header Authorization: Bearer <your key>.");
  const m = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!m || !looksLikeKey(m[1]))
    throw new AppError("unauthorized", "Malformed Authorization header. Expected: Bearer gk_… (an API key).");
  return m[1];
}

const unknownKey = () =>
  new AppError("unauthorized", "This API key is not valid: it is unknown, revoked or expired.");

async function readBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  // Read as a stream and stop at the cap, so a chunked body without Content-Length cannot fill memory.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) throw new AppError("invalid_input", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}

/** Postgres text and jsonb refuse NUL: refuse it up front, naming the parameter or field. */
function refuseNul(url: URL, body: unknown) {
  for (const [name, value] of url.searchParams)
    if (findNul(value) || findNul(name))
      throw new AppError("invalid_input", `${name}: must not contain NUL characters`, {
        fields: [{ field: name, message: "Must not contain NUL characters" }],
      });
  const field = findNul(body);
  if (field)
    throw new AppError("invalid_input", `${field}: must not contain NUL characters`, {
      fields: [{ field, message: "Must not contain NUL characters" }],
    });
}

export function apiRoute<P = Record<string, never>>(
  opts: { family: ApiFamily; body?: boolean },
  handler: (ctx: ApiContext<P>) => Promise<ApiResult>,
) {
  return async (req: Request, route?: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const url = new URL(req.url);
    let key: ResolvedKey | null = null;
    let response: Response;
    try {
      const hash = hashToken(bearerOf(req));
      key = await resolveApiKey(hash);
      if (!key) throw unknownKey();
      checkFamily(key, opts.family);
      const rate = await takeRateLimit(key.id, {
        perSecond: key.rateLimitPerSecond,
        perMinute: key.rateLimitPerMinute,
      });
      if (!rate.ok) {
        const e = new AppError("rate_limited", `Too many requests; retry after ${rate.retryAfterS} s.`);
        response = errorResponse(e, { ...rate.headers, "Retry-After": String(rate.retryAfterS) });
      } else {
        const body = opts.body ? await readBody(req) : undefined;
        refuseNul(url, body);
        const params = ((await route?.params) ?? {}) as P;
        const { db } = await getHandle();
        const out = await handler({ req, url, key, params, db, body });
        const status = out.status ?? 200;
        const headers = { ...rate.headers, ...out.headers };
        response =
          status === 204
            ? new Response(null, { status, headers })
            : Response.json(out.body, { status, headers });
      }
    } catch (e) {
      if (e instanceof AppError) response = errorResponse(e);
      else {
        // The summary, never the error itself: a database error quotes values, a driver error may carry
        // the statement's parameters (names, emails, custom values).
        const frames = ((e as Error)?.stack ?? "").split("\n").slice(1, 8).join("\n");
        console.error(`api ${req.method} ${url.pathname} failed: ${safeErrorSummary(e)}\n${frames}`);
        response = errorResponse(new AppError("internal_error", "Something went wrong on our side."));
      }
    }
    if (key)
      recordApiRequest({
        apiKeyId: key.id,
        at: new Date(),
        method: req.method,
        path: url.pathname.slice(0, 300),
        status: response.status,
        latencyMs: Math.round(performance.now() - started),
        ip: clientAddressOf(req.headers),
      });
    return response;
  };
}
