// Membership types: what a member holds, how long the grace period after expiry lasts. Writes go
// through the outbox (record type "membership_type").
import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import type { MembershipTypeInput } from "@/lib/schemas/admin";
import type { DbOrTx } from "../client";
import { membershipTypes } from "../schema";
import type { Actor } from "./changes";
import { isUuid } from "@/lib/core/ids";
import { insertRecord, updateRecord } from "./record-writes";

export type MembershipType = typeof membershipTypes.$inferSelect;

export function listMembershipTypes(db: DbOrTx, appliesTo?: "person" | "company") {
  return db
    .select()
    .from(membershipTypes)
    .where(appliesTo ? sql`${membershipTypes.appliesTo} in (${appliesTo}, 'both')` : undefined)
    .orderBy(asc(sql`lower(${membershipTypes.name})`));
}

export async function getMembershipType(db: DbOrTx, id: string): Promise<MembershipType | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(membershipTypes).where(eq(membershipTypes.id, id));
  return row ?? null;
}

function nameTaken(e: unknown, name: string): AppError | null {
  const c = ((e as { cause?: unknown }).cause ?? e) as { code?: string };
  return c.code === "23505"
    ? new AppError("conflict", `A membership type named ${name} already exists.`, {
        fields: [{ field: "name", message: "Already in use" }],
      })
    : null;
}

export async function createMembershipType(db: DbOrTx, input: MembershipTypeInput, actor: Actor) {
  try {
    return await insertRecord<MembershipType>(db, membershipTypes, "membership_type", input, actor);
  } catch (e) {
    throw nameTaken(e, input.name) ?? e;
  }
}

export async function updateMembershipType(
  db: DbOrTx,
  id: string,
  patch: Partial<MembershipTypeInput>,
  actor: Actor,
) {
  try {
    return await updateRecord<MembershipType>(
      db,
      membershipTypes,
      "membership_type",
      id,
      () => patch,
      actor,
      {
        what: "Membership type",
      },
    );
  } catch (e) {
    throw nameTaken(e, patch.name ?? "") ?? e;
  }
}

/** How many people and companies hold each type (for the list screen). */
export async function countMembershipTypeHolders(db: DbOrTx): Promise<Map<string, number>> {
  const rows = (await db.execute(sql`
    select membership_type_id as id, count(*)::int as n from (
      select membership_type_id from people where membership_type_id is not null
      union all select membership_type_id from companies where membership_type_id is not null) h
    group by membership_type_id`)) as unknown as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
