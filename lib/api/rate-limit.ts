// Per-key rate limits (default 20/s burst and 600/min), shared by every app instance on one database.
//
// Each request is decided in memory (rate-limiter-flexible's RateLimiterMemory), so the limiter adds no
// database round trip to the hot path. Every FLUSH_MS the points each process admitted are consumed in one
// batch from RateLimiterDrizzle counters in Postgres/PGlite (table api_rate_limits); when the shared total
// is over the limit the key is blocked in this process until the shared window resets. So N instances
// together admit at most the limit plus what each admits during one flush interval.
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getHandle } from "@/db/client";
import { apiRateLimits } from "@/db/schema";

const FLUSH_MS = 250;

export type RateLimits = { perSecond: number | null; perMinute: number | null };
export type RateDecision =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; retryAfterS: number; headers: Record<string, string> };

type Window = { points: number; duration: number; name: "s" | "m" };
type State = {
  memory: Map<string, RateLimiterMemory>;
  shared: Map<string, RateLimiterDrizzle>;
  pending: Map<string, { windows: Window[]; points: number }>;
  blockedUntil: Map<string, number>;
  timer?: NodeJS.Timeout;
};
const g = globalThis as unknown as { __guildhallRate?: State };
const state: State = (g.__guildhallRate ??= {
  memory: new Map(),
  shared: new Map(),
  pending: new Map(),
  blockedUntil: new Map(),
});

function windowsOf(l: RateLimits): Window[] {
  const w: Window[] = [];
  if (l.perSecond) w.push({ points: l.perSecond, duration: 1, name: "s" });
  if (l.perMinute) w.push({ points: l.perMinute, duration: 60, name: "m" });
  return w;
}
const limiterId = (w: Window) => `${w.name}${w.points}`;

function memoryLimiter(w: Window) {
  const id = limiterId(w);
  let l = state.memory.get(id);
  if (!l)
    state.memory.set(
      id,
      (l = new RateLimiterMemory({ points: w.points, duration: w.duration, keyPrefix: id })),
    );
  return l;
}

async function sharedLimiter(w: Window) {
  const id = limiterId(w);
  let l = state.shared.get(id);
  if (!l) {
    const { db } = await getHandle();
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: apiRateLimits,
      points: w.points,
      duration: w.duration,
      keyPrefix: `api:${w.name}`,
      clearExpiredByTimeout: false, // one row per key and window, reused: nothing accumulates
    });
    state.shared.set(id, l);
  }
  return l;
}

/** Pushes this process's admitted points to the shared counters; blocks keys that went over. */
export async function flushRateLimits(): Promise<void> {
  const batch = [...state.pending.entries()];
  state.pending.clear();
  await Promise.all(
    batch.flatMap(([keyId, { windows, points }]) =>
      windows.map(async (w) => {
        try {
          await (await sharedLimiter(w)).consume(keyId, points);
        } catch (e) {
          if (e instanceof RateLimiterRes) {
            const until = Date.now() + e.msBeforeNext;
            state.blockedUntil.set(keyId, Math.max(state.blockedUntil.get(keyId) ?? 0, until));
          } // a database hiccup leaves the in-memory decision in force
        }
      }),
    ),
  );
}

function scheduleFlush() {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    void flushRateLimits();
  }, FLUSH_MS);
  state.timer.unref?.();
}

function headersOf(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return {
    "RateLimit-Limit": String(limit),
    "RateLimit-Remaining": String(Math.max(remaining, 0)),
    "RateLimit-Reset": String(Math.ceil(resetMs / 1000)),
  };
}

export async function takeRateLimit(keyId: string, limits: RateLimits): Promise<RateDecision> {
  const windows = windowsOf(limits);
  if (windows.length === 0) return { ok: true, headers: {} };
  const blocked = state.blockedUntil.get(keyId) ?? 0;
  const now = Date.now();
  const top = windows[windows.length - 1];
  if (blocked > now) {
    const retryAfterS = Math.ceil((blocked - now) / 1000);
    return { ok: false, retryAfterS, headers: headersOf(top.points, 0, blocked - now) };
  }
  let headers: Record<string, string> = {};
  for (const w of windows) {
    try {
      const res = await memoryLimiter(w).consume(keyId);
      if (w === top) headers = headersOf(w.points, res.remainingPoints, res.msBeforeNext);
    } catch (e) {
      const res = e as RateLimiterRes;
      const retryAfterS = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      return { ok: false, retryAfterS, headers: headersOf(w.points, 0, res.msBeforeNext) };
    }
  }
  const p = state.pending.get(keyId);
  if (p) p.points++;
  else state.pending.set(keyId, { windows, points: 1 });
  scheduleFlush();
  return { ok: true, headers };
}

/** Tests: forget every in-memory decision (the shared counters stay). */
export function resetLocalRateLimits(): void {
  state.memory.clear();
  state.shared.clear();
  state.pending.clear();
  state.blockedUntil.clear();
}
