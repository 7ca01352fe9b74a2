// Writes the demo data set: every record goes in with its "created" outbox row in the same transaction
// (one transaction per batch), exactly as if it had been created through the app.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { recordChanges, type ChangeEntry } from "@/db/queries/changes";
import { snapshotOf } from "@/db/queries/record-writes";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/core/errors";
import { companies, customFields, events, membershipTypes, people, registrations, users } from "@/db/schema";
import {
  createDemoGenerator,
  demoCustomFields,
  demoMembershipTypes,
  type DemoOptions,
  type DemoPerson,
} from "./generate";
import { bulkInsert } from "@/db/bulk-insert";

export type SeedCounts = {
  membershipTypes: number;
  customFields: number;
  companies: number;
  people: number;
  users: number;
  pendingSignups: number;
  events: number;
  registrations: number;
  changes: number;
  /** Handy records for demos and tests: a signup-protected company and a member with an account. */
  sample: {
    protectedCompany: { id: string; name: string; domain: string } | null;
    member: { id: string; email: string } | null;
  };
};

const created = (
  recordType: ChangeEntry["recordType"],
  row: Record<string, unknown> & { id: string },
): ChangeEntry => ({
  recordType,
  recordId: row.id,
  op: "created",
  before: null,
  after: snapshotOf(row),
  actor: "cli",
  recordVersion: 1, // a new row's version
});

/** Demo data can be re-seeded, so its commits need not wait for the disk flush (no effect on others). */
const fastCommit = (tx: Tx) => tx.execute(sql`set local synchronous_commit = off`);

/** Writes rows and their outbox entries in one transaction. */
async function insertWithChanges(
  db: Db,
  parts: {
    table: Parameters<typeof bulkInsert>[1];
    type: ChangeEntry["recordType"];
    rows: (Record<string, unknown> & { id: string })[];
  }[],
): Promise<number> {
  return db.transaction(async (tx) => {
    await fastCommit(tx);
    let n = 0;
    for (const p of parts) {
      await bulkInsert(tx, p.table, p.rows);
      n += await recordChanges(
        tx,
        p.rows.map((r) => created(p.type, r)),
      );
    }
    return n;
  });
}

export async function seedDemo(
  db: Db,
  opts: DemoOptions & { batchSize?: number; memberPassword: string },
): Promise<SeedCounts> {
  const batchSize = opts.batchSize ?? 5000;
  const counts: SeedCounts = {
    membershipTypes: 0,
    customFields: 0,
    companies: 0,
    people: 0,
    users: 0,
    pendingSignups: 0,
    events: 0,
    registrations: 0,
    changes: 0,
    sample: { protectedCompany: null, member: null },
  };

  // Reuse types and fields that already exist (by name / key), so seeding twice adds people, not errors.
  const existingTypes = await db
    .select()
    .from(membershipTypes)
    .where(
      inArray(
        membershipTypes.name,
        demoMembershipTypes.map((t) => t.name),
      ),
    );
  const idGen = createDemoGenerator({ ...opts, seed: opts.seed + 7919 }, {}).faker;
  const newTypes = demoMembershipTypes
    .filter((t) => !existingTypes.some((e) => e.name === t.name))
    .map((t) => ({ id: idGen.string.uuid(), ...t }));
  const typeIds = Object.fromEntries([...existingTypes, ...newTypes].map((t) => [t.name, t.id]));
  const existingFields = await db
    .select({ entity: customFields.entity, key: customFields.key })
    .from(customFields);
  const newFields = demoCustomFields
    .filter((d) => !existingFields.some((e) => e.entity === d.entity && e.key === d.key))
    .map((d, i) => ({
      id: idGen.string.uuid(),
      ...d,
      choices: [...d.choices],
      required: false,
      sortOrder: i,
    }));
  const gen = createDemoGenerator(opts, typeIds);
  const companyList = gen.companies();
  // Ids derive from the seed, so the same seed twice would collide: say so before writing anything.
  const [again] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(eq(companies.id, companyList[0].id));
  if (again)
    throw new AppError(
      "conflict",
      `Demo data for seed ${opts.seed} is already in this database; use another --seed.`,
    );

  counts.changes += await insertWithChanges(db, [
    { table: membershipTypes, type: "membership_type", rows: newTypes },
    { table: customFields, type: "custom_field", rows: newFields },
  ]);
  counts.membershipTypes = newTypes.length;
  counts.customFields = newFields.length;
  for (let i = 0; i < companyList.length; i += batchSize)
    counts.changes += await insertWithChanges(db, [
      { table: companies, type: "company", rows: companyList.slice(i, i + batchSize) },
    ]);
  counts.companies = companyList.length;
  const pc = companyList.find((c) => c.signupProtected && c.active);
  if (pc) counts.sample.protectedCompany = { id: pc.id, name: pc.name, domain: pc.emailDomains[0] };

  // One hash for every demo member account: Argon2 per account would take minutes at 100,000 people.
  const passwordHash = await hashPassword(opts.memberPassword);
  const personIds: string[] = [];
  const accountIds = createDemoGenerator({ ...opts, seed: opts.seed + 104729 }, {}).faker;
  const writePeople = async (batch: { people: DemoPerson[]; withAccount: boolean[] }) => {
    const taken = (await db.execute(
      sql`select email from people where lower(email) in ${batch.people.slice(0, 50).map((p) => p.email.toLowerCase())} limit 1`,
    )) as unknown as { email: string }[];
    if (taken.length)
      throw new AppError(
        "conflict",
        `Demo data for seed ${opts.seed} is already here (${taken[0].email}); use another --seed or an empty database.`,
      );
    const accounts = batch.people
      .filter((_, i) => batch.withAccount[i])
      .map((p) => ({
        id: accountIds.string.uuid(),
        email: p.email.toLowerCase(),
        role: "member" as const,
        personId: p.id,
      }));
    counts.users += accounts.length;
    counts.changes += await db.transaction(async (tx) => {
      await fastCommit(tx);
      await bulkInsert(tx, people, batch.people);
      await bulkInsert(
        tx,
        users,
        accounts.map((a) => ({ ...a, passwordHash })),
      );
      return recordChanges(tx, [
        ...batch.people.map((p) => created("person", p)),
        ...accounts.map((a) => created("user", a)),
      ]);
    });
  };
  // Generating a batch costs about as much CPU as the database spends writing one, so the next batch is
  // generated while the previous one is written: people come one at a time (the generator's output does
  // not depend on its batch size) and every 250 the event loop is let through to keep the write moving.
  // Batches are still written one after another, each in its own transaction.
  let writing: Promise<void> = Promise.resolve();
  let batch = { people: [] as DemoPerson[], withAccount: [] as boolean[] };
  const flush = async () => {
    await writing;
    const full = batch;
    batch = { people: [], withAccount: [] };
    writing = writePeople(full);
    writing.catch(() => {}); // awaited (and thrown) at the next flush; not an unhandled rejection meanwhile
  };
  for (const one of gen.peopleBatches(companyList, 1)) {
    const [p] = one.people;
    batch.people.push(p);
    batch.withAccount.push(one.withAccount[0]);
    personIds.push(p.id);
    if (!counts.sample.member && one.withAccount[0] && p.active && p.approvalStatus === "approved")
      counts.sample.member = { id: p.id, email: p.email.toLowerCase() };
    counts.people += 1;
    if (p.approvalStatus === "pending_approval") counts.pendingSignups += 1;
    if (batch.people.length === batchSize) await flush();
    else if (batch.people.length % 250 === 0) await new Promise((r) => setImmediate(r));
  }
  if (batch.people.length) await flush();
  await writing;

  const eventList = gen.events();
  counts.changes += await insertWithChanges(db, [{ table: events, type: "event", rows: eventList }]);
  counts.events = eventList.length;
  const regs = gen.registrations(eventList, personIds);
  for (let i = 0; i < regs.length; i += batchSize)
    counts.changes += await insertWithChanges(db, [
      { table: registrations, type: "registration", rows: regs.slice(i, i + batchSize) },
    ]);
  counts.registrations = regs.length;
  await db.execute(sql`analyze`);
  return counts;
}
