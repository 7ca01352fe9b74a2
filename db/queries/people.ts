// People: reads, and row writes through the outbox (record-writes.ts). The rules of writing a person
// (custom values, signup decisions) are lib/records/people.ts.
import { eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { DbOrTx } from "../client";
import { people, type ChangeOp } from "../schema";
import type { Actor } from "./changes";
import { insertRecord, updateRecord, type AfterWrite } from "./record-writes";

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;

export async function getPerson(db: DbOrTx, id: string): Promise<Person | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row ?? null;
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

const emailInUse = (email: unknown) =>
  new AppError("conflict", `Another person already uses the email ${email}.`, {
    fields: [{ field: "email", message: "Already in use" }],
  });

/** Inserts a person (values already validated) with its outbox row; a taken email is a conflict. */
export async function insertPerson(
  db: DbOrTx,
  values: NewPerson,
  actor: Actor,
  afterWrite: AfterWrite,
): Promise<Person> {
  try {
    return await insertRecord<Person>(db, people, "person", values, actor, afterWrite);
  } catch (e) {
    if (emailTaken(e)) throw emailInUse(values.email);
    throw e;
  }
}

/** Updates a person with what `patch` returns for the locked current row (see updateRecord). */
export async function updatePersonRecord(
  db: DbOrTx,
  id: string,
  patch: (current: Person) => Partial<NewPerson>,
  actor: Actor,
  opts: { expectedVersion?: number; op?: ChangeOp; afterWrite: AfterWrite },
): Promise<Person> {
  let email: unknown;
  const values = (current: Person) => {
    const v = patch(current);
    email = v.email;
    return v;
  };
  try {
    return await updateRecord<Person>(db, people, "person", id, values, actor, { ...opts, what: "Person" });
  } catch (e) {
    if (emailTaken(e)) throw emailInUse(email);
    throw e;
  }
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
