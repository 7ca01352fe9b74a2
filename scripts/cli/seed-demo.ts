// `seed-demo [--people N] [--seed S]`: realistic, deterministic demo data (see lib/demo/).
import crypto from "node:crypto";
import { seedDemo } from "@/lib/demo/seed";
import { UsageError, type CliCommand } from "./types";

const int = (v: unknown, name: string, fallback: number, min: number) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return n;
};

export const seedDemoCommand: CliCommand = {
  name: "seed-demo",
  usage: "seed-demo [--people N] [--seed S] [--json]",
  summary: "Add deterministic demo data: companies, people (some with accounts), custom fields, events",
  options: { people: { type: "string" }, seed: { type: "string" } },
  async run({ values }, { db, out }) {
    const people = int(values.people, "people", 1000, 1);
    const seed = int(values.seed, "seed", 1, 0);
    if (people > 1_000_000) throw new UsageError("--people must be at most 1000000");
    // Demo member accounts share one password, generated per run and shown once.
    const memberPassword = crypto.randomBytes(9).toString("base64url");
    const started = performance.now();
    const counts = await seedDemo(db, {
      people,
      seed,
      today: new Date().toISOString().slice(0, 10),
      memberPassword,
    });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    out(
      { ...counts, seconds, memberPassword },
      [
        `Seeded in ${seconds} s: ${counts.people} people (${counts.users} with accounts, ${counts.pendingSignups} pending signups), ` +
          `${counts.companies} companies, ${counts.events} events, ${counts.registrations} registrations, ` +
          `${counts.customFields} custom fields, ${counts.membershipTypes} membership types; ${counts.changes} outbox rows.`,
        `Demo member accounts sign in with the password ${memberPassword}`,
      ].join("\n"),
    );
  },
};
