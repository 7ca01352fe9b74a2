import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { AppError } from "@/lib/core/errors";
import { listChangesAfter, latestCursor } from "./changes";
import { countCompanies, listCompanies, listPendingSignups } from "./companies";
import { setCompanyActive } from "@/lib/records/companies";
import { createCompany } from "@/lib/records/companies";
import { createMembershipType } from "./membership-types";
import { createPerson } from "@/lib/records/people";

let t: TestDb;
let goldId: string;
beforeAll(async () => {
  t = await createTestDb();
  goldId = (await createMembershipType(t.db, { name: "Gold", appliesTo: "both", graceDays: 10 }, "cli")).id;
  const names = ["Acme", "Acorn Labs", "Beta Co", "acme south", "Zeta", "Delta 100%"];
  for (const [i, name] of names.entries())
    await createCompany(
      t.db,
      {
        name,
        emailDomains: [`c${i}.org`],
        signupProtected: i % 2 === 0,
        membershipTypeId: i < 3 ? goldId : null,
        expiryDate: i === 1 ? "2000-01-01" : null,
      },
      "cli",
    );
});
afterAll(() => t.close());

describe("listCompanies", () => {
  it("searches by case-insensitive name prefix, escaping LIKE wildcards", async () => {
    const { rows } = await listCompanies(t.db, { q: "ac" });
    expect(rows.map((r) => r.name)).toEqual(["Acme", "acme south", "Acorn Labs"]);
    expect((await listCompanies(t.db, { q: "delta 100%" })).rows).toHaveLength(1);
    expect((await listCompanies(t.db, { q: "delta 1000" })).rows).toHaveLength(0);
    expect((await listCompanies(t.db, { q: "_" })).rows).toHaveLength(0);
  });

  it("filters by member status, type and signup protection", async () => {
    const current = await listCompanies(t.db, { status: "current" });
    expect(current.rows.map((r) => r.name).sort()).toEqual(["Acme", "Beta Co"]);
    expect((await listCompanies(t.db, { status: "expired" })).rows.map((r) => r.name)).toEqual([
      "Acorn Labs",
    ]);
    expect(await countCompanies(t.db, { membershipTypeId: goldId })).toBe(3);
    expect(await countCompanies(t.db, { signupProtected: true })).toBe(3);
    expect(await countCompanies(t.db, { status: "non_member" })).toBe(3);
  });

  it("pages with a keyset cursor by name and by recent update without gaps or repeats", async () => {
    for (const sort of ["name", "updated"] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await listCompanies(t.db, { sort, limit: 2, after });
        seen.push(...page.rows.map((r) => r.name));
        after = page.nextCursor ?? undefined;
      } while (after);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
      if (sort === "name") expect(seen[0]).toBe("Acme");
    }
  });

  it("hides deactivated companies behind the active filter, and refuses a forged cursor", async () => {
    const { rows } = await listCompanies(t.db, { q: "zeta" });
    await setCompanyActive(t.db, rows[0].id, false, "cli");
    expect(await countCompanies(t.db, { q: "zeta", active: true })).toBe(0);
    expect(await countCompanies(t.db, { q: "zeta", active: false })).toBe(1);
    await expect(listCompanies(t.db, { after: "not-a-cursor" })).rejects.toBeInstanceOf(AppError);
    const forgedId = Buffer.from(JSON.stringify(["acme", "not-a-uuid"])).toString("base64url");
    await expect(listCompanies(t.db, { after: forgedId })).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("companies writes", () => {
  it("records creation in the outbox and refuses bad custom values without writing", async () => {
    const start = await latestCursor(t.db);
    await expect(
      createCompany(t.db, { name: "Nope", custom: { unknown_field: "x" } }, "cli"),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await countCompanies(t.db, { q: "nope" })).toBe(0);
    const c = await createCompany(t.db, { name: "Outboxed" }, "cli");
    const after = await listChangesAfter(t.db, start);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ recordType: "company", recordId: c.id, op: "created" });
  });

  it("lists pending signups with the requested company's domains", async () => {
    const { rows } = await listCompanies(t.db, { q: "beta" });
    await createPerson(
      t.db,
      { firstName: "Pat", lastName: "Pending", email: "pat@elsewhere.net" },
      "self-signup",
      { approvalStatus: "pending_approval", requestedCompanyId: rows[0].id },
    );
    const pending = await listPendingSignups(t.db);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      lastName: "Pending",
      companyName: "Beta Co",
      companyDomains: ["c2.org"],
    });
  });
});
