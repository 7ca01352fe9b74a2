import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { setPersonActive } from "@/lib/records/people";
import { createPerson } from "@/lib/records/people";
import { createUser } from "@/lib/auth/accounts";
import { checkCredentials } from "./credentials";
import { MAX_FAILURES } from "./throttle";

let t: TestDb;
const invalid = { ok: false, reason: "invalid" };
const limited = { ok: false, reason: "rate_limited" };
const password = "a-long-enough-password";
beforeAll(async () => {
  t = await createTestDb();
  await createUser(t.db, { email: "staff@example.org", password, role: "admin" }, "cli");
  const person = await createPerson(
    t.db,
    { firstName: "Mia", lastName: "Member", email: "mia@example.org" },
    "cli",
  );
  await createUser(t.db, { email: "mia@example.org", password, role: "member", personId: person.id }, "cli");
  await setPersonActive(t.db, person.id, true, "cli");
});
afterAll(() => t.close());

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on email", async () => {
    const result = await checkCredentials(t.db, { email: "Staff@Example.org", password }, "10.0.0.1");
    expect(result).toMatchObject({ ok: true, user: { email: "staff@example.org", role: "admin" } });
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    expect(
      await checkCredentials(t.db, { email: "staff@example.org", password: "wrong-password" }, "10.0.0.2"),
    ).toEqual(invalid);
    expect(await checkCredentials(t.db, { email: "nobody@example.org", password }, "10.0.0.2")).toEqual(
      invalid,
    );
    expect(await checkCredentials(t.db, { email: "not an email", password }, "10.0.0.2")).toEqual(invalid);
  });

  it("refuses a deactivated person and accepts them again once reactivated", async () => {
    const [{ id }] =
      (await t.sql`select person_id as id from users where email = 'mia@example.org'`) as unknown as {
        id: string;
      }[];
    await setPersonActive(t.db, id, false, "cli");
    expect(await checkCredentials(t.db, { email: "mia@example.org", password }, "10.0.0.3")).toEqual(invalid);
    await setPersonActive(t.db, id, true, "cli");
    expect(await checkCredentials(t.db, { email: "mia@example.org", password }, "10.0.0.4")).toMatchObject({
      ok: true,
      user: { role: "member" },
    });
  });

  it("locks an email after repeated failures, even with the right password", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(
        await checkCredentials(t.db, { email: "mia@example.org", password: `wrong-${i}` }, `10.1.0.${i}`),
      ).toEqual(invalid);
    }
    expect(await checkCredentials(t.db, { email: "mia@example.org", password }, "10.1.1.1")).toEqual(limited);
    // Another account from another address is unaffected.
    expect(await checkCredentials(t.db, { email: "staff@example.org", password }, "10.2.0.1")).toMatchObject({
      ok: true,
    });
  });

  it("locks a client address that tries many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES; i++)
      await checkCredentials(t.db, { email: `guess${i}@example.org`, password }, "10.9.9.9");
    expect(await checkCredentials(t.db, { email: "staff@example.org", password }, "10.9.9.9")).toEqual(
      limited,
    );
  });
});
