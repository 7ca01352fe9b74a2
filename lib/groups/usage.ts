// "Who uses this group?" Features that point at groups (API keys, syncs, SSO clients) register a check
// here, so deleting a group that something depends on is refused with a message saying which.
import type { DbOrTx } from "@/db/client";
import { featuresUsingGroup, groupsWithConditions } from "@/db/queries/groups";
import { referencedGroups } from "./schema";

/** Returns human descriptions of the users of the group, e.g. `API key "Website"`; empty when none. */
export type GroupUsageCheck = (db: DbOrTx, groupId: string) => Promise<string[]>;

const g = globalThis as unknown as { __guildhallGroupUsage?: Map<string, GroupUsageCheck> };
const checks = (g.__guildhallGroupUsage ??= new Map<string, GroupUsageCheck>());

/** Registers (or replaces) a named check. Call at module load of the feature's query file. */
export function registerGroupUsage(name: string, check: GroupUsageCheck): void {
  checks.set(name, check);
}

// Built in: other groups whose conditions say "member of" this one.
registerGroupUsage("groups", async (db, groupId) =>
  (await groupsWithConditions(db, groupId))
    .filter((r) => referencedGroups(r.conditions).includes(groupId))
    .map((r) => `group "${r.name}"`),
);

// Built in, in SQL so no feature module has to be loaded for its check to count: API keys limited to the
// group, group syncs linked to it, SSO clients that permit it.
registerGroupUsage("features", featuresUsingGroup);

export async function groupUsages(db: DbOrTx, groupId: string): Promise<string[]> {
  const all = await Promise.all([...checks.values()].map((c) => c(db, groupId)));
  return all.flat();
}
