// People: reads for screens and the API, and writes through the outbox (record-writes.ts).
import { eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { validateCustomValues } from "@/lib/records/custom-values";
import type { PersonInput, PersonPatch } from "@/lib/schemas/records";
import type { DbOrTx } from "../client";
import { people, type ApprovalStatus } from "../schema";
import type { Actor } from "./changes";
import { listCustomFields } from "./custom-fields";
import { insertRecord, updateRecord } from "./record-writes";

export type Person = typeof people.$inferSelect;

export async function getPerson(db: DbOrTx, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row ?? null;
}

async function checkedCustom(db: DbOrTx, values: PersonInput["custom"], partial: boolean) {
  if (values === undefined) return undefined;
  return validateCustomValues(await listCustomFields(db, "person"), values, { partial });
}

function emailTaken(e: unknown): boolean {
  const err = e as {
    code?: string;
    constraint_name?: string;
    cause?: { code?: string; constraint_name?: string };
  };
  const c = err.cause ?? err;
  return c.code === "23505" && (c.constraint_name ?? "").includes("email");
}

export async function createPerson(
  db: DbOrTx,
  input: PersonInput,
  actor: Actor,
  extra: { approvalStatus?: ApprovalStatus; requestedCompanyId?: string | null } = {},
): Promise<Person> {
  const custom = (await checkedCustom(db, input.custom ?? {}, false)) ?? {};
  try {
    return await insertRecord<Person>(db, people, "person", { ...input, custom, ...extra }, actor);
  } catch (e) {
    if (emailTaken(e))
      throw new AppError("conflict", `Another person already uses the email ${input.email}.`, {
        fields: [{ field: "email", message: "Already in use" }],
      });
    throw e;
  }
}

export async function updatePerson(
  db: DbOrTx,
  id: string,
  patch: PersonPatch,
  actor: Actor,
  opts: { expectedVersion?: number } = {},
): Promise<Person> {
  // Validate before the transaction: inside it only `tx` may be used (PGlite has one connection).
  const custom = await checkedCustom(db, patch.custom, true);
  try {
    return await updateRecord<Person>(
      db,
      people,
      "person",
      id,
      (current) => ({ ...patch, ...(custom ? { custom: { ...current.custom, ...custom } } : {}) }),
      actor,
      { ...opts, what: "Person" },
    );
  } catch (e) {
    if (emailTaken(e))
      throw new AppError("conflict", `Another person already uses the email ${patch.email}.`, {
        fields: [{ field: "email", message: "Already in use" }],
      });
    throw e;
  }
}

/** Deactivated people stay on file but can no longer sign in. */
export function setPersonActive(db: DbOrTx, id: string, active: boolean, actor: Actor): Promise<Person> {
  return updateRecord<Person>(db, people, "person", id, () => ({ active }), actor, {
    op: active ? "reactivated" : "deactivated",
    what: "Person",
  });
}

/** Staff decision on a pending company link (Company Signup Protection). */
export function decidePendingSignup(
  db: DbOrTx,
  id: string,
  decision: "approve" | "reject",
  actor: Actor,
): Promise<Person> {
  return updateRecord<Person>(
    db,
    people,
    "person",
    id,
    (p) => {
      if (p.approvalStatus !== "pending_approval")
        throw new AppError("conflict", `${p.firstName} ${p.lastName} is not awaiting approval.`);
      return decision === "approve"
        ? { approvalStatus: "approved", companyId: p.requestedCompanyId, requestedCompanyId: null }
        : { approvalStatus: "rejected", requestedCompanyId: null };
    },
    actor,
    { what: "Person" },
  );
}

// The list and its counts live in people-list.ts; re-exported so callers keep one import.
export {
  countPeople,
  countPeopleUpTo,
  listPeople,
  type PeopleListFilter,
  type PeopleListRow,
  type PeopleSort,
} from "./people-list";

/** The people behind these accounts or registrations (ids that are not theirs are skipped). */
export async function personIdsOf(
  db: DbOrTx,
  table: "users" | "registrations",
  ids: string[],
): Promise<string[]> {
  if (!ids.length) return [];
  const rows = (await db.execute(
    sql`select person_id::text as id from ${sql.raw(table)} where person_id is not null and id::text in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  )) as unknown as { id: string }[];
  return rows.map((r) => r.id);
}

/** The people of these companies, with the company each belongs to. */
export async function peopleOfCompanies(
  db: DbOrTx,
  companyIds: string[],
): Promise<{ id: string; c: string }[]> {
  if (!companyIds.length) return [];
  return (await db.execute(
    sql`select id::text as id, company_id::text as c from people where company_id in (${sql.join(
      companyIds.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`,
  )) as unknown as { id: string; c: string }[];
}
