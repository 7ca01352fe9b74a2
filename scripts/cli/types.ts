import type { Db, DbHandle } from "@/db/client";

export type CliContext = {
  db: Db;
  handle: DbHandle;
  json: boolean;
  /** Prints a result: JSON with --json, otherwise a readable line. */
  out: (value: unknown, human?: string) => void;
};

export type CliCommand = {
  name: string;
  usage: string;
  summary: string;
  /** parseArgs option spec; `json` is added for every command. */
  options?: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;
  /** False for commands that must not migrate first. */
  migrate?: boolean;
  run: (args: { values: Record<string, unknown>; positionals: string[] }, ctx: CliContext) => Promise<void>;
};

export class UsageError extends Error {}
