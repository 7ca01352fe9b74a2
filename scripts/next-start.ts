// How every `next start` of ours runs: `npm start`, the benchmarks and the end-to-end tests' server.
//
// --max-semi-space-size=64 (MiB; V8's default is 16): an API page allocates a few hundred KiB that die
// young (rows, the wire objects, the JSON text, streams). With the default young generation V8 scavenges
// several times a second under load and a sixth of the server's CPU went to GC; four times the room cut
// that and gave 10–15% more requests/s on GET /api/v1/members (bench:api), for at most ~190 MiB of memory.
export const NEXT_NODE_OPTIONS = "--max-semi-space-size=64";

/** The environment for a `next start` child: the caller's, with our Node options added. */
export function nextStartEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, NEXT_NODE_OPTIONS].filter(Boolean).join(" ") };
}
