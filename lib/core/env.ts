// The only reader of process.env: every setting is validated here once, with its default.
import ipaddr from "ipaddr.js";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** A comma-separated setting's entries. */
export const listOf = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const isAddressOrRange = (entry: string) => {
  try {
    if (entry.includes("/")) ipaddr.parseCIDR(entry);
    else ipaddr.parse(entry);
    return ipaddr.isValid(entry.split("/")[0]);
  } catch {
    return false;
  }
};

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Postgres connection string. Unset = embedded PGlite in GUILDHALL_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  GUILDHALL_DATA_DIR: z.string().min(1).default("./.data"),
  /** Public URL of the site; the initial value of the site setting and the OIDC issuer's default. */
  GUILDHALL_SITE_URL: z.string().url().optional(),
  /** Secret used to sign sessions and to encrypt stored credentials. Generated into the data folder if unset. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /**
   * Seed demo data the first time `npm start` finds an empty database. Unset: on, except when NODE_ENV is
   * production (a real site must not start with 1,000 invented people and a demo Mobilize connection).
   */
  GUILDHALL_SEED_DEMO: bool.optional(),
  INNGEST_MODE: z.enum(["embedded", "server"]).default("embedded"),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY_FALLBACK: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_DEV: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * Hosts (`host` or `host:port`, comma-separated) that outbound calls may reach although they are private or
   * loopback: the vendor stand-ins and a second local site in tests and demos. Unset: none (the default).
   */
  GUILDHALL_OUTBOUND_ALLOW: z.string().optional(),
  /**
   * A change-log entry whose effect fails this many times in a row for one follower is set aside (listed on
   * the Workflows screen, retried later) so the rest of the log keeps flowing.
   */
  GUILDHALL_FOLLOWER_MAX_TRIES: z.coerce.number().int().min(1).max(100).default(3),
  /** How often set-aside entries are retried by themselves, in seconds. */
  GUILDHALL_SET_ASIDE_RETRY_SECONDS: z.coerce.number().int().min(5).default(300),
  /** A follower with entries waiting longer than this many seconds is shown to staff as behind. */
  GUILDHALL_FOLLOWER_LAG_ALERT_SECONDS: z.coerce.number().int().min(1).default(120),
  /**
   * Reverse proxies in front of the site (addresses or CIDR ranges, comma-separated, e.g. `127.0.0.1,::1` or
   * `10.0.0.0/8`). Only a request arriving from one of them has its X-Forwarded-For believed (sign-in throttling,
   * API usage); otherwise the client is the connection's own address. Unset: no proxy is trusted.
   */
  GUILDHALL_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      for (const entry of listOf(v))
        if (!isAddressOrRange(entry))
          ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range` });
    }),
  /** Benchmarks only (scripts/bench-api.ts): enables the bare baseline route /api/bench/baseline. */
  GUILDHALL_BENCH_BASELINE_TOKEN: z.string().min(20).optional(),
  /** Set by `next build`; the database must never be opened while building. */
  NEXT_PHASE: z.string().optional(),
});

/** Defaults that depend on another setting. */
const withDerivedDefaults = schema.transform((e) => ({
  ...e,
  GUILDHALL_SEED_DEMO: e.GUILDHALL_SEED_DEMO ?? e.NODE_ENV !== "production",
}));

export type Env = z.infer<typeof withDerivedDefaults>;

/** Validates a process environment (exported for tests; the app reads `env`). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = withDerivedDefaults.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export const isBuildPhase = () => env.NEXT_PHASE === "phase-production-build";
