// The one place the provider asks "which groups is this person in" (stored membership, kept by h2's groups).
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { listGroupIdsForRecord } from "@/db/queries/group-members";
import { groups } from "@/db/schema";

export const personGroupIds = (db: DbOrTx, personId: string): Promise<string[]> =>
  listGroupIdsForRecord(db, "person", personId);

/** Groups staff can choose as a client's permitted groups. */
export async function listGroupChoices(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db.select({ id: groups.id, name: groups.name }).from(groups).orderBy(asc(groups.name));
}
