import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/test/db";
import { people, users } from "@/db/schema";
import { createCompany } from "@/lib/records/companies";
import { listRecordHistory } from "@/db/queries/changes";
import { createPerson } from "@/lib/records/people";
import type { AppError } from "@/lib/core/errors";
import { signUpMember } from "./sign-up";

let t: TestDb;
let protectedId: string;
let openId: string;
const password = "correct horse battery";

beforeAll(async () => {
  t = await createTestDb();
  protectedId = (
    await createCompany(
      t.db,
      { name: "Acme Protected", signupProtected: true, emailDomains: ["acme.example"] },
      "cli",
    )
  ).id;
  openId = (await createCompany(t.db, { name: "Open Co", emailDomains: ["open.example"] }, "cli")).id;
});
afterAll(() => t.close());

const count = async () => {
  const [r] = (await t.db.execute(
    sql`select (select count(*) from people)::int as p, (select count(*) from users)::int as u`,
  )) as unknown as { p: number; u: number }[];
  return r;
};

describe("compass sign-up", () => {
  it("holds a foreign domain under a protected company for approval", async () => {
    const r = await signUpMember(t.db, {
      firstName: "Fay",
      lastName: "Foreign",
      email: "fay@elsewhere.example",
      password,
      companyId: protectedId,
    });
    expect(r.pending).toBe(true);
    expect(r.person).toMatchObject({
      approvalStatus: "pending_approval",
      requestedCompanyId: protectedId,
      companyId: null,
    });
    expect(r.user).toMatchObject({ role: "member", personId: r.person.id, email: "fay@elsewhere.example" });
    // Both records went through the outbox.
    expect(await listRecordHistory(t.db, "person", r.person.id)).toHaveLength(1);
    expect((await listRecordHistory(t.db, "user", r.user.id))[0].after).toMatchObject({
      personId: r.person.id,
    });
  });

  it("links a matching domain directly", async () => {
    const r = await signUpMember(t.db, {
      firstName: "Mo",
      lastName: "Match",
      email: "MO@Acme.example",
      password,
      companyId: protectedId,
    });
    expect(r.pending).toBe(false);
    expect(r.person).toMatchObject({
      approvalStatus: "approved",
      companyId: protectedId,
      requestedCompanyId: null,
    });
  });

  it("links any domain to an unprotected company, and approves without a company", async () => {
    const a = await signUpMember(t.db, {
      firstName: "Ann",
      lastName: "Open",
      email: "ann@x.example",
      password,
      companyId: openId,
    });
    expect(a.person).toMatchObject({ approvalStatus: "approved", companyId: openId });
    const b = await signUpMember(t.db, {
      firstName: "Bo",
      lastName: "Solo",
      email: "bo@x.example",
      password,
      companyId: "",
    });
    expect(b.person).toMatchObject({ approvalStatus: "approved", companyId: null, requestedCompanyId: null });
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await count();
    await expect(
      signUpMember(t.db, { firstName: "Short", lastName: "Pw", email: "short@x.example", password: "short" }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { fields: [{ field: "password" }] } });
    await expect(
      signUpMember(t.db, { firstName: "", lastName: "X", email: "not-an-email", password }),
    ).rejects.toMatchObject({ code: "invalid_input", message: expect.stringMatching(/firstName.*email/) });
    await expect(
      signUpMember(t.db, {
        firstName: "A",
        lastName: "B",
        email: "ab@x.example",
        password,
        companyId: crypto.randomUUID(),
      }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { fields: [{ field: "companyId" }] } });
    // A crafted field (e.g. trying to sign up as an admin) is refused, not ignored.
    await expect(
      signUpMember(t.db, { firstName: "A", lastName: "B", email: "ab@x.example", password, role: "admin" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await count()).toEqual(before);
  });

  it("refuses an email that already has an account, writing nothing", async () => {
    const before = await count();
    await expect(
      signUpMember(t.db, { firstName: "Fay", lastName: "Again", email: "fay@elsewhere.example", password }),
    ).rejects.toMatchObject({ code: "conflict", details: { fields: [{ field: "email" }] } });
    expect(await count()).toEqual(before);
    const rows = await t.db.select().from(people).where(eq(people.email, "fay@elsewhere.example"));
    expect(rows).toHaveLength(1);
    expect(await t.db.select().from(users).where(eq(users.role, "admin"))).toHaveLength(0);
  });

  it("answers the same whether the email belongs to an account or to a person without one", async () => {
    await createPerson(
      t.db,
      { firstName: "Staff", lastName: "Entered", email: "entered@else.example" },
      "cli",
    );
    const attempt = (email: string) =>
      signUpMember(t.db, { firstName: "X", lastName: "Y", email, password }).then(
        () => null,
        (e: AppError) => ({ code: e.code, message: e.message, details: e.details }),
      );
    const before = await count();
    const account = await attempt("fay@elsewhere.example");
    const personOnly = await attempt("entered@else.example");
    expect(account).not.toBeNull();
    expect(personOnly).toEqual(account);
    expect(JSON.stringify(account)).not.toMatch(/account with|already uses|person/i);
    expect(await count()).toEqual(before);
  });
});
