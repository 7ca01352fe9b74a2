// Custom field definitions. Writes go through the outbox (record type "custom_field").
import { and, asc, eq } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { CustomFieldInput } from "@/lib/schemas/admin";
import type { DbOrTx } from "../client";
import { customFields } from "../schema";
import { recordChange, type Actor } from "./changes";
import { insertRecord, snapshotOf, updateRecord } from "./record-writes";

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

export async function getCustomField(db: DbOrTx, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(customFields).where(eq(customFields.id, id));
  return row ?? null;
}

export type CustomField = typeof customFields.$inferSelect;

export async function createCustomField(db: DbOrTx, input: CustomFieldInput, actor: Actor) {
  try {
    return await insertRecord<CustomField>(db, customFields, "custom_field", input, actor);
  } catch (e) {
    const c = ((e as { cause?: unknown }).cause ?? e) as { code?: string };
    if (c.code === "23505")
      throw new AppError("conflict", `A ${input.entity} field with the key ${input.key} already exists.`, {
        fields: [{ field: "key", message: "Already in use" }],
      });
    throw e;
  }
}

/** The key and the record type are fixed once created: stored values live under the key. */
export function updateCustomField(
  db: DbOrTx,
  id: string,
  patch: Omit<Partial<CustomFieldInput>, "key" | "entity">,
  actor: Actor,
) {
  return updateRecord<CustomField>(db, customFields, "custom_field", id, () => patch, actor, {
    what: "Custom field",
  });
}

/**
 * Removes a definition (the outbox keeps a "deleted" row). Values already stored under its key stay in
 * the records' `custom` column, so re-creating the field with the same key brings them back.
 */
export function deleteCustomField(db: DbOrTx, id: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(customFields).where(eq(customFields.id, id)).returning();
    if (!row) throw new AppError("not_found", `Custom field ${id} was not found.`);
    await recordChange(tx, {
      recordType: "custom_field",
      recordId: id,
      op: "deleted",
      before: snapshotOf(row),
      after: null,
      actor,
    });
    return row;
  });
}
