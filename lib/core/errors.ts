// One error type for the whole app, with a closed set of codes. Route wrappers map it to one wire shape:
// { "error": { "code", "message", "details"? } }.
import type { ZodError } from "zod";

export const errorStatus = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
} as const;
export type ErrorCode = keyof typeof errorStatus;

export type FieldIssue = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldIssue[]; [k: string]: unknown },
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

/** Turns a zod failure into an invalid_input error whose message names the offending fields. */
export function fromZodError(error: ZodError, prefix = ""): AppError {
  const fields = error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
  const summary = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ");
  return new AppError("invalid_input", summary, { fields });
}

/**
 * A one-line description of an unexpected error that is safe to log or store: the database error code, the
 * statement's kind and table ("insert into group_members") and the message with every quoted part replaced
 * (Postgres quotes the offending value, e.g. a date or an email). Never the statement's parameters (drizzle
 * puts them in its own message, hence the unwrapping) or a record's data.
 */
export function safeErrorSummary(e: unknown): string {
  if (!(e instanceof Error)) return "unknown error";
  let err: Error = e;
  let statement: string | null = null;
  // drizzle's "Failed query: <sql> params: <values>" wraps the driver's error in `cause`.
  for (let depth = 0; depth < 5 && err.cause instanceof Error; depth++) {
    const query = (err as { query?: unknown }).query;
    if (typeof query === "string") statement ??= statementName(query);
    err = err.cause;
  }
  if (/^Failed query:/.test(err.message)) return statement ? `query failed (${statement})` : "query failed";
  const code = (err as { code?: unknown }).code;
  const message = err.message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, "($1)=(…)")
    .slice(0, 300);
  const where = statement ? ` (${statement})` : "";
  return typeof code === "string" && code ? `${code}: ${message}${where}` : `${err.name}: ${message}${where}`;
}

/** "insert into group_members", "select … from people": what a statement does, without its values. */
function statementName(query: string): string {
  const q = query.replace(/\s+/g, " ").trim().toLowerCase();
  const m =
    /^(insert into|update|delete from) "?([\w.]+)"?/.exec(q) ??
    /^(select|with)\b.*?\bfrom "?([\w.]+)"?/.exec(q);
  return m ? `${m[1] === "with" ? "select" : m[1]} ${m[2]}` : q.split(" ")[0];
}
