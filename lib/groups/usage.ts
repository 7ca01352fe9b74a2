// "Who uses this group?" Features that point at groups (API keys, syncs, SSO clients) register a check
// here, so deleting a group that something depends on is refused with a message saying which.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
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
registerGroupUsage("groups", async (db, groupId) => {
  const rows = (await db.execute(
    sql`select id, name, conditions from groups where mode = 'conditions' and id <> ${groupId}::uuid and conditions is not null`,
  )) as unknown as { id: string; name: string; conditions: unknown }[];
  return rows.filter((r) => referencedGroups(r.conditions).includes(groupId)).map((r) => `group "${r.name}"`);
});

// Built in, in SQL so no feature module has to be loaded for its check to count: API keys limited to the
// group, group syncs linked to it, SSO clients that permit it.
registerGroupUsage("features", async (db, groupId) => {
  const rows = (await db.execute(sql`
    select 'API key "' || name || '"' as what from api_keys where group_id = ${groupId}::uuid and revoked_at is null
    union all
    select initcap(vendor) || ' sync (linked to "' || remote_group_name || '")' from sync_links where group_id = ${groupId}::uuid
    union all
    select 'SSO client "' || name || '"' from sso_clients where ${groupId}::uuid = any(permitted_group_ids)`)) as unknown as {
    what: string;
  }[];
  return rows.map((r) => r.what);
});

export async function groupUsages(db: DbOrTx, groupId: string): Promise<string[]> {
  const all = await Promise.all([...checks.values()].map((c) => c(db, groupId)));
  return all.flat();
}
