// A record's history for its staff page: outbox rows, newest first, with actors shown by email.
import type { DbOrTx } from "@/db/client";
import { listRecordHistory } from "@/db/queries/changes";
import { emailsOfUsers } from "@/db/queries/users";
import type { RecordType } from "@/db/schema";

export async function loadHistory(db: DbOrTx, recordType: RecordType, recordId: string) {
  const entries = await listRecordHistory(db, recordType, recordId, 50);
  const userIds = [
    ...new Set(entries.filter((e) => e.actor.startsWith("user:")).map((e) => e.actor.slice(5))),
  ];
  const byId = await emailsOfUsers(db, userIds);
  const emails = new Map([...byId].map(([id, email]) => [`user:${id}`, email]));
  const actorLabel = (actor: string) =>
    emails.get(actor) ??
    (actor === "cli"
      ? "Command line"
      : actor === "system"
        ? "System"
        : actor === "self-signup"
          ? "The person (self sign-up)"
          : actor);
  return entries.map((e) => ({ ...e, actorLabel: actorLabel(e.actor) }));
}
export type HistoryEntry = Awaited<ReturnType<typeof loadHistory>>[number];
