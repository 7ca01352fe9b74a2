// Guildhall's command line: `npm run cli -- <command> [options]`. Works on Postgres and on PGlite, also
// while the site is running (it then goes through the site's PGlite socket instead of opening the files).
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { DataDirInUseError } from "@/db/pglite-owner";
import { AppError } from "@/lib/core/errors";
import { commands } from "./cli/index";
import { UsageError } from "./cli/types";

function help(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    "Usage: npm run cli -- <command> [options]",
    "",
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    console.error(`${(e as Error).message}\nUsage: npm run cli -- ${command.usage}`);
    return 2;
  }
  const json = Boolean(parsed.values.json);
  const handle = await openDatabase({ pglite: "own-or-attach", migrate: command.migrate !== false });
  try {
    await command.run(parsed as never, {
      db: handle.db,
      handle,
      json,
      out: (value, human) =>
        console.log(json ? JSON.stringify(value, null, 2) : (human ?? JSON.stringify(value, null, 2))),
    });
    return 0;
  } catch (e) {
    if (e instanceof UsageError) console.error(`${e.message}\nUsage: npm run cli -- ${command.usage}`);
    else if (e instanceof AppError)
      console.error(
        json
          ? JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } })
          : e.message,
      );
    else throw e;
    return e instanceof UsageError ? 2 : 1;
  } finally {
    await handle.close();
  }
}

/**
 * Exits once everything written has left the process: when stdout is a pipe, writes are asynchronous and
 * process.exit would drop what is still queued (output cut at ~64 KB). A write's callback runs only after
 * the writes queued before it.
 */
async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((r) => s.write("", r))));
  process.exit(code);
}

main(process.argv.slice(2)).then(exitWhenFlushed, (e) => {
  console.error(e instanceof DataDirInUseError ? e.message : e);
  return exitWhenFlushed(1);
});
