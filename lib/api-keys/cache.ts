// Resolving a bearer secret to its key, with a small in-memory cache so a request costs no extra query.
//
// Revocation must bite on the very next request, so a cached entry is trusted only while:
//  - its generation equals the process generation, bumped synchronously by every key change made in this
//    process (`invalidateApiKeys`) and, on Postgres, by LISTEN guildhall_api_keys (changes made by other
//    processes: other app instances, the CLI); NOTIFY arrives at commit, well under one request's latency;
//  - it is younger than TTL_MS: a backstop for a lost LISTEN connection and for PGlite (single connection,
//    so no LISTEN); the CLI against a running PGlite site therefore revokes within TTL_MS;
//  - a key found by its previous (rolled) secret is never trusted past that secret's grace expiry.
// Unknown secrets are not cached (a flood of random keys cannot grow the map; each costs one indexed query).
import { getHandle } from "@/db/client";
import { API_KEYS_CHANNEL, findApiKeyByHash, type ApiKey } from "@/db/queries/api-keys";
import type { FieldSet } from "@/lib/schemas/member-fields";
import { fieldSetOf } from "./scope";
import { memberSchemaFor } from "@/lib/api/schemas";

const TTL_MS = 2_000;
const MAX_ENTRIES = 1_000;

export type ResolvedKey = ApiKey & { fieldSet: FieldSet; memberSchema: ReturnType<typeof memberSchemaFor> };
/** A key row with what every request needs precomputed (its field set and payload schema). */
export function resolvedKeyOf(row: ApiKey): ResolvedKey {
  const fieldSet = fieldSetOf(row);
  return { ...row, fieldSet, memberSchema: memberSchemaFor(fieldSet) };
}

type Entry = { key: ResolvedKey; generation: number; expiresAt: number };
type State = { generation: number; cache: Map<string, Entry>; listening?: Promise<unknown> };

const g = globalThis as unknown as { __guildhallApiKeys?: State };
const state: State = (g.__guildhallApiKeys ??= { generation: 0, cache: new Map() });

/** Call after any key change in this process (the db functions also NOTIFY other processes). */
export function invalidateApiKeys(): void {
  state.generation++;
  state.cache.clear();
}

function listenOnce(): void {
  if (state.listening) return;
  state.listening = getHandle()
    .then((h) => (h.kind === "postgres" ? h.sql.listen(API_KEYS_CHANNEL, () => invalidateApiKeys()) : null))
    .catch(() => {
      state.listening = undefined; // retried on the next lookup; the TTL covers the gap
    });
}

export async function resolveApiKey(hash: string): Promise<ResolvedKey | null> {
  listenOnce();
  const now = Date.now();
  const hit = state.cache.get(hash);
  if (hit && hit.generation === state.generation && hit.expiresAt > now) return hit.key;
  const generation = state.generation;
  const { db } = await getHandle();
  const row = await findApiKeyByHash(db, hash);
  if (!row) {
    state.cache.delete(hash);
    return null;
  }
  const key = resolvedKeyOf(row);
  const viaPrevious = row.secretHash !== hash;
  const graceEnd = viaPrevious && row.previousExpiresAt ? row.previousExpiresAt.getTime() : Infinity;
  // Stored only if nothing changed while we were reading, so a revoke racing the read is never lost.
  if (generation === state.generation) {
    if (state.cache.size >= MAX_ENTRIES) state.cache.clear();
    state.cache.set(hash, { key, generation, expiresAt: Math.min(now + TTL_MS, graceEnd) });
  }
  return key;
}
