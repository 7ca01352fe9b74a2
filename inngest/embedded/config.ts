// Turns the configs of an in-band sync into FunctionSpecs, refusing anything the executor cannot honour
// exactly: behaviour must never differ silently from a real Inngest server.
import { durationToMs } from "inngest";
import { parseCondition, parseKey } from "./expr";
import type { RawFunctionConfig } from "./transport";
import type { FunctionSpec, Trigger } from "./types";

export class UnsupportedFunctionOption extends Error {
  constructor(fnId: string, option: string, why: string) {
    super(
      `Workflow function "${fnId}": option "${option}" is not supported by the embedded executor (${why}).`,
    );
    this.name = "UnsupportedFunctionOption";
  }
}

const handled = new Set([
  "id",
  "name",
  "triggers",
  "steps",
  "concurrency",
  "singleton",
  "debounce",
  "cancel",
]);
/** Inngest's default when a function does not set `retries`. */
const defaultRetries = 3;

function check<T>(fnId: string, option: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UnsupportedFunctionOption) throw e;
    throw new UnsupportedFunctionOption(fnId, option, (e as Error).message);
  }
}

export function toFunctionSpec(raw: RawFunctionConfig): FunctionSpec {
  const id = raw.id;
  for (const key of Object.keys(raw))
    if (!handled.has(key) && raw[key] !== undefined && raw[key] !== null)
      throw new UnsupportedFunctionOption(id, key, "only concurrency, singleton, debounce and cancelOn are");
  const step = raw.steps.step;
  const spec: FunctionSpec = {
    id,
    name: raw.name,
    triggers: raw.triggers.map((t) => check(id, "triggers", () => trigger(t))),
    maxAttempts: (step?.retries?.attempts ?? defaultRetries) + 1,
    cancel: [],
  };
  if (raw.concurrency !== undefined)
    spec.concurrency = check(id, "concurrency", () => concurrency(raw.concurrency));
  if (raw.singleton) {
    const s = raw.singleton as { key?: string; mode?: string };
    if (s.mode !== "skip" && s.mode !== "cancel")
      throw new UnsupportedFunctionOption(id, "singleton.mode", String(s.mode));
    if (s.key) check(id, "singleton.key", () => parseKey(s.key!));
    spec.singleton = { key: s.key, mode: s.mode };
  }
  if (raw.debounce) {
    const d = raw.debounce as { key?: string; period: unknown; timeout?: unknown };
    if (d.key) check(id, "debounce.key", () => parseKey(d.key!));
    spec.debounce = check(id, "debounce", () => ({
      key: d.key,
      periodMs: durationToMs(d.period),
      timeoutMs: d.timeout === undefined ? undefined : durationToMs(d.timeout),
    }));
  }
  for (const c of (raw.cancel ?? []) as { event: string; if?: string; timeout?: unknown }[]) {
    if (c.if) check(id, "cancelOn", () => parseCondition(c.if!));
    const timeoutMs =
      c.timeout === undefined ? undefined : check(id, "cancelOn.timeout", () => durationToMs(c.timeout));
    spec.cancel.push({ event: c.event, if: c.if, timeoutMs });
  }
  return spec;
}

function trigger(t: Record<string, unknown>): Trigger {
  if (typeof t.cron === "string") {
    if (t.jitter !== undefined) throw new Error("cron jitter is not supported");
    return { cron: t.cron };
  }
  if (typeof t.event !== "string") throw new Error(`unknown trigger ${JSON.stringify(t)}`);
  if (t.event.includes("*") && !t.event.endsWith("/*"))
    throw new Error(`wildcard must end with "/*": ${t.event}`);
  if (typeof t.expression === "string") parseCondition(t.expression);
  return { event: t.event, expression: t.expression as string | undefined };
}

function concurrency(raw: unknown): FunctionSpec["concurrency"] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length !== 1) throw new Error("only one concurrency limit per function");
  const c =
    typeof list[0] === "number"
      ? { limit: list[0] }
      : (list[0] as { limit: number; key?: string; scope?: string });
  if (c.scope && c.scope !== "fn") throw new Error(`scope "${c.scope}" (only "fn")`);
  if (!Number.isInteger(c.limit) || c.limit < 1) throw new Error(`limit ${c.limit} (a positive integer)`);
  if (c.key) parseKey(c.key);
  return { limit: c.limit, key: c.key };
}
