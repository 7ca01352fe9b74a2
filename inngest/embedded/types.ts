// Shapes of the Inngest protocol as the embedded executor uses them (see docs/workflows.md and
// shared/reference/inngest-embedded.md): function configs from an in-band sync, call bodies and ops.
export type IncomingEvent = {
  id?: string;
  name: string;
  data?: Record<string, unknown>;
  ts?: number;
  v?: string;
  user?: unknown;
};

export type StoredEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

export type Trigger = { event: string; expression?: string } | { cron: string };

/** A function config after validation: only what the executor can honour. */
export type FunctionSpec = {
  id: string;
  name: string;
  triggers: Trigger[];
  maxAttempts: number;
  concurrency?: { limit: number; key?: string };
  singleton?: { key?: string; mode: "skip" | "cancel" };
  debounce?: { key?: string; periodMs: number; timeoutMs?: number };
  cancel: { event: string; if?: string; timeoutMs?: number }[];
};

export type SerializedError = { name?: string; message?: string; stack?: string; [k: string]: unknown };

export type Memo = { data: unknown } | { error: SerializedError };

export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: SerializedError;
  userland?: { id: string; index?: number };
};

export type CallResult =
  | { kind: "ops"; ops: Op[]; version: number; retryAfterMs?: number }
  | { kind: "done"; output: unknown; version: number }
  | { kind: "error"; error: SerializedError; retriable: boolean; retryAfterMs?: number; version: number };
