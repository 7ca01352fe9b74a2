// Synthetic faults for resilience tests (Mobilize documents none of these; see external-apis.md §3.2).
// "drop" closes the socket before the request is handled; "drop_after" handles it and then closes the
// socket without answering, the case that forces a client to find out whether a write happened.
export const faultKinds = ["429", "500", "502", "503", "slow", "drop", "drop_after"] as const;
export type FaultKind = (typeof faultKinds)[number];

export type FaultConfig = {
  /** Share of API requests (0..1) that get a fault. */
  rate: number;
  kinds: FaultKind[];
  retryAfterSeconds: number;
  slowMs: number;
  /** Seed of the deterministic random generator, so a failing test can be replayed. */
  seed: number;
};

export const noFaults: FaultConfig = {
  rate: 0,
  kinds: [...faultKinds],
  retryAfterSeconds: 1,
  slowMs: 1500,
  seed: 1,
};

/** mulberry32: small deterministic PRNG. */
export function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function parseFaults(body: unknown, current: FaultConfig): FaultConfig {
  const b = (body ?? {}) as Partial<FaultConfig>;
  const kinds = Array.isArray(b.kinds)
    ? b.kinds.filter((k): k is FaultKind => faultKinds.includes(k))
    : current.kinds;
  const rate = typeof b.rate === "number" ? Math.min(1, Math.max(0, b.rate)) : current.rate;
  return {
    rate,
    kinds: kinds.length ? kinds : current.kinds,
    retryAfterSeconds:
      typeof b.retryAfterSeconds === "number" ? b.retryAfterSeconds : current.retryAfterSeconds,
    slowMs: typeof b.slowMs === "number" ? b.slowMs : current.slowMs,
    seed: typeof b.seed === "number" ? b.seed : current.seed,
  };
}
