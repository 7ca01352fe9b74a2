// Live counts while staff edit a definition: straight from the compiled condition, before anything is saved.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { membersSql } from "./compile";
import { loadConditionContext } from "./context";
import type { GroupDef } from "./types";

/** How many records a draft definition would hold, straight from the compiled condition (live count). */
export async function countDraftMembers(db: DbOrTx, draft: Omit<GroupDef, "name">): Promise<number> {
  const ctx = await loadConditionContext(db);
  const [row] = (await db.execute(
    sql`select count(*)::int as n from (${membersSql(draft, ctx)}) x`,
  )) as unknown as { n: number }[];
  return row.n;
}
