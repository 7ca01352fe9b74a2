// The HTTP client every vendor connector shares: timeouts, retries with backoff on 5xx/timeouts/dropped
// connections, 429 + Retry-After, redirects followed by hand so Authorization is re-sent (fetch drops it
// on a cross-origin hop), and a limit/offset paging helper.
//
// Writes are not blindly retried after an answer-less failure: the server may have applied them. Those
// throw with `ambiguous: true` and the sync engine re-reads the remote state before trying again, which
// is what keeps a completed add or remove from being sent twice.

export type HttpErrorKind =
  "auth" | "unreachable" | "timeout" | "rate_limited" | "server" | "client" | "unexpected";

export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status?: number,
    readonly body?: unknown,
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

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const m = b.error_message ?? b.message ?? b.error;
    if (typeof m === "string") return m;
  }
  return typeof body === "string" && body.length < 200 && body ? body : `HTTP ${status}`;
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
        const message = messageOf(body, res.status);
        if (res.status === 401 || res.status === 403) throw new HttpError("auth", message, res.status, body);
        if (res.status === 429 || (res.status === 409 && /in progress/i.test(message))) {
          // Refused before doing anything: always safe to send again, after the server's wait if it gave one.
          lastError = new HttpError("rate_limited", message, res.status, body);
          delay = Math.min(
            this.opts.maxDelayMs,
            retryAfterMs(res.headers.get("retry-after")) ?? this.backoff(attempt),
          );
        } else if (res.status >= 500) {
          lastError = new HttpError("server", message, res.status, body, !safe);
          if (!safe) throw lastError;
          delay = this.backoff(attempt);
        } else {
          throw new HttpError("client", message, res.status, body);
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
          lastError = new HttpError(kind, `${url.origin} ${what}`, undefined, undefined, !safe && !notSent);
          if (lastError.ambiguous) throw lastError;
          delay = this.backoff(attempt);
        }
      }
      if (attempt < this.opts.maxAttempts) await this.opts.sleep(delay);
    }
    throw lastError ?? new HttpError("unexpected", "request failed");
  }

  /** One attempt, following redirects by hand with the same headers (Authorization included). */
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
        target = new URL(location, target);
        continue;
      }
      return res;
    }
    throw new HttpError("unexpected", `too many redirects from ${url.origin}`);
  }
}

export function unwrapPage<T>(body: unknown): { items: T[]; count?: number } {
  if (Array.isArray(body)) return { items: body as T[] };
  if (body && typeof body === "object" && Array.isArray((body as { results?: unknown }).results)) {
    const b = body as { results: T[]; count?: number };
    return { items: b.results, count: typeof b.count === "number" ? b.count : undefined };
  }
  throw new HttpError("unexpected", "expected a list (an array or {results: [...]})", undefined, body);
}
