// Runs once when the Next.js server starts: opens (and migrates) the database so the PGlite socket is
// up for the CLI, then starts background services.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerServices } = await import("@/lib/server-services");
  await startServerServices();
}
