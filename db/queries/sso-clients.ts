// SSO clients (relying parties): rows only. Their ids and secrets are made, and settings validated, by
// lib/oidc/clients.ts; the provider looks them up by client_id here.
import { desc, eq, sql } from "drizzle-orm";
import { notFound } from "@/lib/core/errors";
import type { SsoClientSettings } from "@/lib/schemas/sso-client";
import type { DbOrTx } from "../client";
import { ssoClients } from "../schema";
import { isUuid } from "@/lib/core/ids";

export type SsoClient = typeof ssoClients.$inferSelect;
export async function listSsoClients(db: DbOrTx): Promise<SsoClient[]> {
  return db.select().from(ssoClients).orderBy(desc(ssoClients.createdAt));
}

export async function getSsoClient(db: DbOrTx, id: string): Promise<SsoClient | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(ssoClients).where(eq(ssoClients.id, id));
  return row ?? null;
}

export async function findSsoClientByClientId(db: DbOrTx, clientId: string): Promise<SsoClient | null> {
  if (!clientId || clientId.length > 200) return null;
  const [row] = await db.select().from(ssoClients).where(eq(ssoClients.clientId, clientId));
  return row ?? null;
}

export async function insertSsoClient(
  db: DbOrTx,
  data: SsoClientSettings,
  ids: { clientId: string; secretHash: string },
): Promise<SsoClient> {
  const [client] = await db
    .insert(ssoClients)
    .values({ ...data, ...ids })
    .returning();
  return client;
}

export async function updateSsoClientRow(
  db: DbOrTx,
  id: string,
  data: SsoClientSettings,
): Promise<SsoClient> {
  const [row] = await db
    .update(ssoClients)
    .set({ ...data, updatedAt: new Date() })
    .where(eq(ssoClients.id, isUuid(id) ? id : "00000000-0000-0000-0000-000000000000"))
    .returning();
  if (!row) throw notFound("SSO client");
  return row;
}

export async function deleteSsoClient(db: DbOrTx, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound("SSO client");
  const rows = await db.delete(ssoClients).where(eq(ssoClients.id, id)).returning({ id: ssoClients.id });
  if (rows.length === 0) throw notFound("SSO client");
}

/** Stores a new secret's hash; the previous one stays valid for graceHours (0 = revoked at once). */
export async function setSsoClientSecret(
  db: DbOrTx,
  current: SsoClient,
  secretHash: string,
  graceHours: number,
): Promise<SsoClient> {
  const [client] = await db
    .update(ssoClients)
    .set({
      secretHash,
      previousSecretHash: graceHours > 0 ? current.secretHash : null,
      previousSecretExpiresAt:
        graceHours > 0 ? sql`now() + make_interval(secs => ${Math.round(graceHours * 3600)})` : null,
      updatedAt: new Date(),
    })
    .where(eq(ssoClients.id, current.id))
    .returning();
  return client;
}
