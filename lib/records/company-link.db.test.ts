// Issue 15 §4: Company Signup Protection holds on every path that sets or changes a person's company. A key
// that follows the rules cannot walk around them with a later PATCH; a key that does not links directly; a
// matching email domain links on every path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPerson } from "@/db/queries/people";
import { createCompany } from "@/lib/records/companies";
import { call, closeTestHandle, seedKey, seedPerson, useTestHandle } from "@/test/api-harness";
import { createTestDb, type TestDb } from "@/test/db";

let t: TestDb;
let guarded: string;
let follows: string;
let ignores: string;
beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
  guarded = (
    await createCompany(
      t.db,
      { name: "Guarded", signupProtected: true, emailDomains: ["guarded.example"] },
      "cli",
    )
  ).id;
  const fields = { memberFields: ["email", "company_id"] as never };
  follows = (await seedKey(t, { name: "follows", followSignupProtection: true, ...fields })).secret;
  ignores = (await seedKey(t, { name: "ignores", followSignupProtection: false, ...fields })).secret;
});
afterAll(() => closeTestHandle(t));

const create = (key: string, email: string) =>
  call("POST /api/v1/people", {
    key,
    body: { first_name: "Fran", last_name: "Foreign", email, company_id: guarded },
  });
const patch = (key: string, id: string, body: Record<string, unknown>) =>
  call(`PATCH /api/v1/people/${id}`, { key, body });

describe("API keys that follow Company Signup Protection", () => {
  it("a PATCH with the held company_id keeps the person pending and unlinked", async () => {
    const created = await create(follows, `fran-${Date.now()}@elsewhere.example`);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("pending_approval");
    const id = created.body.data.id as string;
    expect((await patch(follows, id, { company_id: guarded })).status).toBe(200);
    expect(await getPerson(t.db, id)).toMatchObject({
      companyId: null,
      requestedCompanyId: guarded,
      approvalStatus: "pending_approval",
    });
  });

  it("a PATCH moving an approved person to a protected company asks for approval instead", async () => {
    const p = await seedPerson(t, { email: `moved-${Date.now()}@elsewhere.example` });
    expect((await patch(follows, p.id, { company_id: guarded })).status).toBe(200);
    expect(await getPerson(t.db, p.id)).toMatchObject({
      companyId: null,
      requestedCompanyId: guarded,
      approvalStatus: "pending_approval",
    });
  });

  it("a matching email domain links at once, on create and on update", async () => {
    const created = await create(follows, `in-${Date.now()}@guarded.example`);
    expect(created.body.status).toBe("approved");
    expect(created.body.data.company_id).toBe(guarded);
    const p = await seedPerson(t, { email: `in2-${Date.now()}@guarded.example` });
    await patch(follows, p.id, { company_id: guarded });
    expect((await getPerson(t.db, p.id))?.companyId).toBe(guarded);
  });
});

describe("API keys that do not follow the rules", () => {
  it("link directly, as the key's setting says", async () => {
    const p = await seedPerson(t, { email: `direct-${Date.now()}@elsewhere.example` });
    expect((await patch(ignores, p.id, { company_id: guarded })).status).toBe(200);
    expect(await getPerson(t.db, p.id)).toMatchObject({ companyId: guarded, approvalStatus: "approved" });
  });
});
