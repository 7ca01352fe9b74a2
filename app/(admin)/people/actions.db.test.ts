// The real server actions, with the session and the database handle pointed at a test database:
// a member or a stranger is refused and nothing is written; an admin's bad input writes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { countPeople, getPerson, listPeople } from "@/db/queries/people";
import { createCompany } from "@/lib/records/companies";
import { createPerson } from "@/lib/records/people";
import { createUser } from "@/lib/auth/accounts";
import { latestCursor, listChangesAfter } from "@/db/queries/changes";
import { createCustomField } from "@/db/queries/custom-fields";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));
vi.mock("@/lib/auth/next-auth", () => ({
  auth: async () => (session.userId ? { userId: session.userId } : null),
}));
vi.mock("@/db/client", async (orig) => ({
  ...(await orig<typeof import("@/db/client")>()),
  getDb: async () => session.db,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { createPersonAction, updatePersonAction, setPersonActiveAction, createAccountAction } =
  await import("./actions");
const { createCompanyAction } = await import("../companies/actions");
const { createCustomFieldAction } = await import("../custom-fields/actions");

let t: TestDb;
let adminId: string;
let memberId: string;
let personId: string;
beforeAll(async () => {
  t = await createTestDb();
  session.db = t.db;
  adminId = (
    await createUser(t.db, { email: "admin@x.org", password: "admin-password", role: "admin" }, "cli")
  ).id;
  personId = (await createPerson(t.db, { firstName: "Mem", lastName: "Ber", email: "m@x.org" }, "cli")).id;
  memberId = (
    await createUser(t.db, { email: "m@x.org", password: "member-password", role: "member", personId }, "cli")
  ).id;
  await createCustomField(
    t.db,
    {
      entity: "person",
      key: "level",
      label: "Level",
      type: "number",
      choices: [],
      required: false,
      memberEditable: false,
      sortOrder: 0,
    },
    "cli",
  );
});
afterAll(() => t.close());

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("staff server actions", () => {
  it.each([
    ["a member", () => memberId, "Only staff admins can do this."],
    ["a signed-out visitor", () => null, "Sign in first."],
  ])("refuse %s and write nothing", async (_who, user, message) => {
    session.userId = user();
    const start = await latestCursor(t.db);
    expect(await createPersonAction({}, form({ firstName: "Eve", lastName: "Intruder" }))).toMatchObject({
      error: message,
    });
    expect(await createCompanyAction({}, form({ name: "Evil Co" }))).toMatchObject({ error: message });
    expect(
      await createCustomFieldAction({}, form({ label: "Hack", entity: "person", type: "text" })),
    ).toMatchObject({ error: message });
    expect(await setPersonActiveAction(personId, false)).toBe(message);
    expect(
      await createAccountAction(personId, {}, form({ email: "x@x.org", password: "long-enough-pw" })),
    ).toMatchObject({ error: message });
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });

  it("shows an admin's bad input next to the fields and writes nothing", async () => {
    session.userId = adminId;
    const start = await latestCursor(t.db);
    const state = await createPersonAction(
      {},
      form({ firstName: "", lastName: "Ok", email: "not-an-email", "custom.level": "abc" }),
    );
    expect(state.fieldErrors).toMatchObject({
      firstName: "First name is required",
      email: "Enter a valid email address",
    });
    const custom = await createPersonAction(
      {},
      form({ firstName: "A", lastName: "B", "custom.level": "abc" }),
    );
    expect(custom.fieldErrors?.["custom.level"]).toMatch(/^Level: expected a number/);
    expect(await countPeople(t.db, { q: "ok" })).toBe(0);
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });

  it("lets an admin create a person (then redirects to their page)", async () => {
    session.userId = adminId;
    await expect(
      createPersonAction({}, form({ firstName: "Ada", lastName: "Lovelace", "custom.level": "3" })),
    ).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    const [row] = (await (await import("@/db/queries/people")).listPeople(t.db, { q: "lovelace" })).rows;
    expect(row).toMatchObject({ firstName: "Ada" });
  });

  it("links a protected company to a foreign email only when staff tick Link anyway", async () => {
    session.userId = adminId;
    const company = await createCompany(
      t.db,
      { name: "Guarded Ltd", signupProtected: true, emailDomains: ["guarded.example"] },
      "cli",
    );
    const start = await latestCursor(t.db);
    const values = {
      firstName: "Olga",
      lastName: "Outside",
      email: "olga@elsewhere.example",
      companyId: company.id,
    };
    const refused = await createPersonAction({}, form(values));
    expect(refused.fieldErrors?.companyId).toMatch(/Guarded Ltd protects sign-ups.*Link anyway/);
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
    await expect(createPersonAction({}, form({ ...values, linkAnyway: "1" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
    const [olga] = (await listPeople(t.db, { q: "outside" })).rows;
    expect(await getPerson(t.db, olga.id)).toMatchObject({
      companyId: company.id,
      approvalStatus: "approved",
    });

    // Editing someone else onto the company: the same explicit decision.
    const other = await createPerson(
      t.db,
      { firstName: "Pat", lastName: "Moved", email: "pat@else.example" },
      "cli",
    );
    const edit = { firstName: "Pat", lastName: "Moved", email: "pat@else.example", companyId: company.id };
    const editRefused = await updatePersonAction(other.id, {}, form(edit));
    expect(editRefused.fieldErrors?.companyId).toMatch(/Link anyway/);
    expect((await getPerson(t.db, other.id))?.companyId).toBeNull();
    await expect(updatePersonAction(other.id, {}, form({ ...edit, linkAnyway: "1" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
    expect((await getPerson(t.db, other.id))?.companyId).toBe(company.id);
  });
});
