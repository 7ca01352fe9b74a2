// SSO clients (relying parties): staff manage them; the provider looks them up by client_id.
import { desc, eq, sql } from "drizzle-orm";
import { AppError, fromZodError, notFound } from "@/lib/core/errors";
import { hashToken, matchesHash, randomToken } from "@/lib/core/crypto";
import { ssoClientInput, type SsoClientInput } from "@/lib/schemas/sso-client";
import type { DbOrTx } from "../client";
import { ssoClients } from "../schema";
import { isUuid } from "@/lib/core/ids";

export type SsoClient = typeof ssoClients.$inferSelect;
/** Hours a replaced secret keeps working after "regenerate" unless staff choose otherwise. */
export const DEFAULT_GRACE_HOURS = 24;

function parse(input: SsoClientInput) {
  const parsed = ssoClientInput.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

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

/** Creates a client; the returned secret is the only time it exists in clear. */
export async function createSsoClient(
  db: DbOrTx,
  input: SsoClientInput,
): Promise<{ client: SsoClient; clientSecret: string }> {
  const data = parse(input);
  const clientSecret = randomToken(32);
  const [client] = await db
    .insert(ssoClients)
    .values({ ...data, clientId: `gh_${randomToken(12)}`, secretHash: hashToken(clientSecret) })
    .returning();
  return { client, clientSecret };
}

export async function updateSsoClient(db: DbOrTx, id: string, input: SsoClientInput): Promise<SsoClient> {
  const data = parse(input);
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

/** New secret; the previous one stays valid for graceHours (0 = revoked at once). */
export async function regenerateSsoClientSecret(
  db: DbOrTx,
  id: string,
  graceHours = DEFAULT_GRACE_HOURS,
): Promise<{ client: SsoClient; clientSecret: string }> {
  if (!Number.isFinite(graceHours) || graceHours < 0 || graceHours > 24 * 30)
    throw new AppError("invalid_input", "Grace period must be between 0 and 720 hours.", {
      fields: [{ field: "graceHours", message: "Between 0 and 720 hours" }],
    });
  const current = await getSsoClient(db, id);
  if (!current) throw notFound("SSO client");
  const clientSecret = randomToken(32);
  const [client] = await db
    .update(ssoClients)
    .set({
      secretHash: hashToken(clientSecret),
      previousSecretHash: graceHours > 0 ? current.secretHash : null,
      previousSecretExpiresAt:
        graceHours > 0 ? sql`now() + make_interval(secs => ${Math.round(graceHours * 3600)})` : null,
      updatedAt: new Date(),
    })
    .where(eq(ssoClients.id, id))
    .returning();
  return { client, clientSecret };
}

/** The current secret, or the previous one while its grace period lasts. */
export function secretMatches(client: SsoClient, secret: string, now = new Date()): boolean {
  if (matchesHash(secret, client.secretHash)) return true;
  return (
    !!client.previousSecretExpiresAt &&
    client.previousSecretExpiresAt > now &&
    matchesHash(secret, client.previousSecretHash)
  );
}
