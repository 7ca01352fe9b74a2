// SSO clients: settings validated with their one schema, client ids and secrets made here (the secret is
// shown once; only its hash is kept), secret rotation with a grace period, and the secret check of the
// token endpoint. Rows: db/queries/sso-clients.ts.
import type { DbOrTx } from "@/db/client";
import {
  getSsoClient,
  insertSsoClient,
  setSsoClientSecret,
  updateSsoClientRow,
  type SsoClient,
} from "@/db/queries/sso-clients";
import { hashToken, matchesHash, randomToken } from "@/lib/core/crypto";
import { AppError, fromZodError, notFound } from "@/lib/core/errors";
import { ssoClientInput, type SsoClientInput } from "@/lib/schemas/sso-client";

/** Hours a replaced secret keeps working after "regenerate" unless staff choose otherwise. */
export const DEFAULT_GRACE_HOURS = 24;

function parse(input: SsoClientInput) {
  const parsed = ssoClientInput.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

/** Creates a client; the returned secret is the only time it exists in clear. */
export async function createSsoClient(
  db: DbOrTx,
  input: SsoClientInput,
): Promise<{ client: SsoClient; clientSecret: string }> {
  const clientSecret = randomToken(32);
  const client = await insertSsoClient(db, parse(input), {
    clientId: `gh_${randomToken(12)}`,
    secretHash: hashToken(clientSecret),
  });
  return { client, clientSecret };
}

export const updateSsoClient = (db: DbOrTx, id: string, input: SsoClientInput) =>
  updateSsoClientRow(db, id, parse(input));

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
  const client = await setSsoClientSecret(db, current, hashToken(clientSecret), graceHours);
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
