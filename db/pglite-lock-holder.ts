// Test helper (db/pglite-lock.test.ts): a separate process that owns a PGlite folder until SIGTERM.
import { openPgliteOwner } from "./pglite-owner";

const owner = await openPgliteOwner(process.argv[2]);
console.log(JSON.stringify({ pid: process.pid, socketPath: owner.socketPath }));
process.on("SIGTERM", () => {
  void owner.close().then(() => process.exit(0));
});
setInterval(() => {}, 1 << 30);
