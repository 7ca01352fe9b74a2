// API keys: create, edit, roll, revoke, and the lookup by secret hash used on every API request.
// Every change NOTIFYs `guildhall_api_keys` so other processes drop their cached copy (lib/api-keys/cache.ts).
// Secrets are made by lib/api-keys/lifecycle.ts; only their hashes come here.
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import type { ApiKeyInput } from "@/lib/schemas/api-key";
import type { DbOrTx } from "../client";
import { apiKeys } from "../schema";
import { isUuid } from "@/lib/core/ids";

export type ApiKey = typeof apiKeys.$inferSelect;
export const API_KEYS_CHANNEL = "guildhall_api_keys";

type KeyFields = Omit<ApiKeyInput, "webhookUrls">;
const notify = (db: DbOrTx, id: string) => db.execute(sql`select pg_notify(${API_KEYS_CHANNEL}, ${id})`);

/** How a key's secret is stored: its hash, and what staff may see of it. */
export type StoredSecret = { hash: string; displayPrefix: string; last4: string };

/** Inserts a key (input already validated) with its secret's hash. */
export async function insertApiKey(db: DbOrTx, input: KeyFields, s: StoredSecret): Promise<ApiKey> {
  const [key] = await db
    .insert(apiKeys)
    .values({ ...input, secretHash: s.hash, displayPrefix: s.displayPrefix, last4: s.last4 })
    .returning();
  return key;
}

export async function getApiKey(db: DbOrTx, id: string): Promise<ApiKey | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row ?? null;
}

export function listApiKeys(db: DbOrTx) {
  return db.select().from(apiKeys).where(isNull(apiKeys.revokedAt)).orderBy(desc(apiKeys.createdAt));
}

export async function updateApiKey(db: DbOrTx, id: string, input: KeyFields): Promise<ApiKey> {
  const [row] = await db
    .update(apiKeys)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new AppError("not_found", "That API key was not found.");
  await notify(db, id);
  return row;
}

/** Delete = revoke: the key stops working on the very next request; its request log stays. */
export async function revokeApiKey(db: DbOrTx, id: string): Promise<void> {
  if (!isUuid(id)) throw new AppError("not_found", "That API key was not found.");
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date(), previousHash: null, previousExpiresAt: null, updatedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!row) throw new AppError("not_found", "That API key was not found.");
  await notify(db, id);
}

/** A new secret; the old one keeps working for `graceMs` (0 = stops at once). */
export async function setApiKeySecret(
  db: DbOrTx,
  id: string,
  s: StoredSecret,
  graceMs: number,
): Promise<void> {
  const [row] = await db
    .update(apiKeys)
    .set({
      secretHash: s.hash,
      displayPrefix: s.displayPrefix,
      last4: s.last4,
      previousHash: graceMs > 0 ? sql`${apiKeys.secretHash}` : null,
      previousExpiresAt: graceMs > 0 ? new Date(Date.now() + graceMs) : null,
      updatedAt: new Date(),
    })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!row) throw new AppError("not_found", "That API key was not found.");
  await notify(db, id);
}

/** The live key whose current secret, or previous secret still in its grace period, hashes to `hash`. */
export async function findApiKeyByHash(db: DbOrTx, hash: string): Promise<ApiKey | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(
      and(
        isNull(apiKeys.revokedAt),
        or(
          eq(apiKeys.secretHash, hash),
          and(eq(apiKeys.previousHash, hash), sql`${apiKeys.previousExpiresAt} > now()`),
        ),
      ),
    )
    .limit(1);
  return row ?? null;
}
