// Who may sign in to a client: active people with a user account, in the client's permitted groups.
import type { DbOrTx } from "@/db/client";
import { findSubjectByPerson, findSubjectByUser } from "@/db/queries/oidc";
import type { SsoClient } from "@/db/queries/sso-clients";
import { listGroupIdsForRecord } from "@/db/queries/group-members";

export type DenyReason = "no_person" | "inactive" | "not_in_group";

export const denyMessages: Record<DenyReason, string> = {
  no_person:
    "Your sign-in is a staff account without a member record, so it cannot be used to sign in to partner sites.",
  inactive: "Your membership record is inactive. Contact the association to have it reactivated.",
  not_in_group:
    "This service is only open to members of certain groups, and you are not in any of them. Contact the association if you think this is a mistake.",
};

export type AccessResult = { ok: true; personId: string } | { ok: false; reason: DenyReason };

type Subject = Awaited<ReturnType<typeof findSubjectByUser>>;

/** At authorization: the signed-in account. */
export async function checkAccess(db: DbOrTx, client: SsoClient, userId: string): Promise<AccessResult> {
  return decide(db, client, await findSubjectByUser(db, userId));
}

/** At every later use of a grant (userinfo): the person it was issued for, as they are now. */
export async function checkPersonAccess(
  db: DbOrTx,
  client: SsoClient,
  personId: string,
): Promise<AccessResult> {
  return decide(db, client, await findSubjectByPerson(db, personId));
}

async function decide(db: DbOrTx, client: SsoClient, subject: Subject): Promise<AccessResult> {
  if (!subject?.personId) return { ok: false, reason: "no_person" };
  if (!subject.active) return { ok: false, reason: "inactive" };
  if (client.permittedGroupIds.length > 0) {
    const mine = new Set(await listGroupIdsForRecord(db, "person", subject.personId));
    if (!client.permittedGroupIds.some((g) => mine.has(g))) return { ok: false, reason: "not_in_group" };
  }
  return { ok: true, personId: subject.personId };
}

/** The groups claim: the person's groups that the client is permitted to see (its permitted groups). */
export async function visibleGroupIds(db: DbOrTx, client: SsoClient, personId: string): Promise<string[]> {
  if (client.permittedGroupIds.length === 0) return [];
  const permitted = new Set(client.permittedGroupIds);
  return (await listGroupIdsForRecord(db, "person", personId)).filter((g) => permitted.has(g));
}
