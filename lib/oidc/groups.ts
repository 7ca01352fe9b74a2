// The one place the provider asks "which groups is this person in". Groups are engineer h2's aggregate;
// stored membership is read here until db/queries/group-members.ts exports listGroupIdsForRecord.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { groupMembers, groups } from "@/db/schema";

export async function personGroupIds(db: DbOrTx, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.recordType, "person"), eq(groupMembers.recordId, personId)));
  return rows.map((r) => r.id);
}

/** Groups staff can choose as a client's permitted groups. */
export async function listGroupChoices(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db.select({ id: groups.id, name: groups.name }).from(groups).orderBy(asc(groups.name));
}
