// The HTTP client every vendor connector shares: timeouts, retries with backoff on 5xx/timeouts/dropped
// connections, 429 + Retry-After, and redirects followed by hand: at most `maxRedirects` hops, each target
// checked by the outbound address guard (lib/outbound/address-guard.ts, as webhook URLs are), and only within
// the origin of the request, so the credentials in the headers never travel to another address.
//
// A remote error answer is summarized (status code and its standard reason phrase): its body is neither put
// in the error's message nor kept on the error, so it cannot reach a page or a log.
//
// Writes are not blindly retried after an answer-less failure: the server may have applied them. Those
// throw with `ambiguous: true` and the sync engine re-reads the remote state before trying again, which
// is what keeps a completed add or remove from being sent twice.

import { STATUS_CODES } from "node:http";
import { checkOutboundTarget } from "@/lib/outbound/address-guard";

export type HttpErrorKind =
  "auth" | "unreachable" | "timeout" | "rate_limited" | "server" | "client" | "unexpected";

export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status?: number,
    /** True when the request may have been applied although no answer arrived. */
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export type HttpClientOptions = {
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRedirects?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called once per HTTP attempt (benchmarks count requests). */
  onAttempt?: (method: string, url: string) => void;
};

export type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
};

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function networkErrorCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (e as { code?: string })?.code;
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What an error answer is shown as: "HTTP 404 Not Found". Never the body (remote text, maybe echoing input). */
export function statusSummary(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

/** Whether a 409's body says an operation is still in progress (read, never shown). */
function saysInProgress(body: unknown): boolean {
  const b = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const m = typeof body === "string" ? body : (b.error_message ?? b.message ?? b.error);
  return typeof m === "string" && /in progress/i.test(m);
}

export class HttpClient {
  readonly opts: Required<Omit<HttpClientOptions, "headers" | "onAttempt">> &
    Pick<HttpClientOptions, "headers" | "onAttempt">;

  constructor(options: HttpClientOptions) {
    this.opts = {
      timeoutMs: 15_000,
      maxAttempts: 6,
      baseDelayMs: 250,
      maxDelayMs: 15_000,
      maxRedirects: 3,
      sleep: realSleep,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.opts.baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const safe = safeMethods.has(method);
    let lastError: HttpError | undefined;
    for (let attempt = 1; attempt <= this.opts.maxAttempts; attempt++) {
      let delay: number;
      try {
        const res = await this.send(method, url, options.body);
        const body = await parseBody(res);
        if (res.ok) return body as T;
        const message = statusSummary(res.status);
        if (res.status === 401 || res.status === 403) throw new HttpError("auth", message, res.status);
        if (res.status === 429 || (res.status === 409 && saysInProgress(body))) {
          // Refused before doing anything: always safe to send again, after the server's wait if it gave one.
          lastError = new HttpError("rate_limited", message, res.status);
          delay = Math.min(
            this.opts.maxDelayMs,
            retryAfterMs(res.headers.get("retry-after")) ?? this.backoff(attempt),
          );
        } else if (res.status >= 500) {
          lastError = new HttpError("server", message, res.status, !safe);
          if (!safe) throw lastError;
          delay = this.backoff(attempt);
        } else {
          throw new HttpError("client", message, res.status);
        }
      } catch (e) {
        if (e instanceof HttpError) {
          if (e.kind !== "rate_limited" && !(e.kind === "server" && safe)) throw e;
          lastError = e;
          delay = this.backoff(attempt);
        } else {
          const code = networkErrorCode(e);
          const timedOut = (e as Error)?.name === "TimeoutError" || (e as Error)?.name === "AbortError";
          // Connection refused / unknown host: nothing reached the server, so a write is safe to resend.
          const notSent = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
          const kind = timedOut ? "timeout" : "unreachable";
          const what = timedOut
            ? `timed out after ${this.opts.timeoutMs} ms`
            : `could not be reached (${code ?? (e as Error).message})`;
          lastError = new HttpError(kind, `${url.origin} ${what}`, undefined, !safe && !notSent);
          if (lastError.ambiguous) throw lastError;
          delay = this.backoff(attempt);
        }
      }
      if (attempt < this.opts.maxAttempts) await this.opts.sleep(delay);
    }
    throw lastError ?? new HttpError("unexpected", "request failed");
  }

  /**
   * One attempt, following redirects by hand: every target passes the outbound address guard and must stay
   * on the request's origin (the headers carry the credentials); at most `maxRedirects` hops.
   */
  private async send(method: string, url: URL, body: unknown): Promise<Response> {
    let target = url;
    for (let hop = 0; hop <= this.opts.maxRedirects; hop++) {
      this.opts.onAttempt?.(method, target.toString());
      const res = await fetch(target, {
        method,
        redirect: "manual",
        headers: {
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...this.opts.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        if (hop === this.opts.maxRedirects) break;
        target = await checkedRedirect(url, location, target);
        continue;
      }
      return res;
    }
    throw new HttpError("unexpected", `too many redirects from ${url.origin}`);
  }
}

/** The next hop of a redirect, or an HttpError when it leaves the origin or the guard refuses its address. */
async function checkedRedirect(start: URL, location: string, from: URL): Promise<URL> {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new HttpError("unexpected", `${start.origin} redirected to an invalid address`);
  }
  try {
    await checkOutboundTarget(next.toString(), { allowPrivate: false, field: "redirect" });
  } catch (e) {
    const why = (e as { details?: { fields?: { message: string }[] } }).details?.fields?.[0]?.message;
    throw new HttpError(
      "unexpected",
      `redirect from ${start.origin} refused: ${why ?? "address not allowed"}`,
    );
  }
  if (next.origin !== start.origin)
    throw new HttpError(
      "unexpected",
      `${start.origin} redirected to another origin (${next.origin}); not followed, so the credentials ` +
        "stay with the configured address. Use the final address as the base URL.",
    );
  return next;
}

export function unwrapPage<T>(body: unknown): { items: T[]; count?: number } {
  if (Array.isArray(body)) return { items: body as T[] };
  if (body && typeof body === "object" && Array.isArray((body as { results?: unknown }).results)) {
    const b = body as { results: T[]; count?: number };
    return { items: b.results, count: typeof b.count === "number" ? b.count : undefined };
  }
  throw new HttpError("unexpected", "expected a list (an array or {results: [...]})");
}
