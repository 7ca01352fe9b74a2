// A stand-alone "app process" for the reliability test: runs one link's sync to the end (resuming any
// open plan) and can be SIGKILLed at any moment. On PGlite it owns the data folder, as the app does, so a
// kill takes the database down with it and the next process recovers it from disk.
// Usage: tsx run-sync-child.ts '<json {url | dataDir, linkId}>'
import { connectPgliteSocket, connectPostgres } from "@/db/client";
import { openPgliteOwner } from "@/db/pglite-owner";
import { runSync } from "@/lib/sync/engine";

const args = JSON.parse(process.argv[2]) as { url?: string; dataDir?: string; linkId: string };
const handle = args.url
  ? connectPostgres(args.url, 2)
  : await openPgliteOwner(args.dataDir!).then((o) => connectPgliteSocket(o.socketPath, o.close));
const result = await runSync(handle.db, args.linkId, {
  maxFailures: 1000,
  retryDelayMs: 10,
  onStep: (r) => console.log(JSON.stringify({ done: r.done ?? 0, message: r.message.slice(0, 200) })),
});
console.log(JSON.stringify(result));
await handle.close();
