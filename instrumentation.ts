// Runs once when the Next.js server starts: opens (and migrates) the database so the PGlite socket is
// up for the CLI, then starts background services.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Before the first request: the connection's address, for lib/core/client-address.ts.
  (await import("@/lib/core/client-address")).stampPeerAddresses();
  const { startServerServices } = await import("@/lib/server-services");
  await startServerServices();
}
