// Custom field definitions.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { customFields } from "../schema";

export function listCustomFields(db: DbOrTx, entity?: "person" | "company") {
  return db
    .select()
    .from(customFields)
    .where(entity ? eq(customFields.entity, entity) : undefined)
    .orderBy(asc(customFields.entity), asc(customFields.sortOrder), asc(customFields.label));
}

export async function getCustomFieldByKey(db: DbOrTx, entity: "person" | "company", key: string) {
  const [row] = await db
    .select()
    .from(customFields)
    .where(and(eq(customFields.entity, entity), eq(customFields.key, key)));
  return row ?? null;
}
