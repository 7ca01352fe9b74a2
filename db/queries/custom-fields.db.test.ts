import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { customFieldInputSchema, keyFromLabel } from "@/lib/schemas/admin";
import { latestCursor, listChangesAfter, listRecordHistory } from "./changes";
import {
  createCustomField,
  deleteCustomField,
  getCustomField,
  listCustomFields,
  updateCustomField,
} from "./custom-fields";
import { createCompany, updateCompany } from "@/lib/records/companies";
import { getPerson } from "./people";
import { createPerson, updatePerson } from "@/lib/records/people";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const field = (over: Record<string, unknown>) =>
  customFieldInputSchema.parse({ entity: "person", key: "x", label: "X", type: "text", ...over });

describe("custom field definitions", () => {
  it("creates, updates and deletes through the outbox", async () => {
    const f = await createCustomField(
      t.db,
      field({ key: "diet", label: "Diet", type: "single_choice", choices: ["Vegan", "Any"] }),
      "cli",
    );
    await updateCustomField(t.db, f.id, { label: "Dietary needs", required: true }, "cli");
    expect(await getCustomField(t.db, f.id)).toMatchObject({
      label: "Dietary needs",
      required: true,
      version: 2,
    });
    await deleteCustomField(t.db, f.id, "cli");
    expect(await getCustomField(t.db, f.id)).toBeNull();
    const history = await listRecordHistory(t.db, "custom_field", f.id);
    expect(history.map((h) => h.op)).toEqual(["deleted", "updated", "created"]);
    expect(history[1].changedFields).toEqual(["label", "required"]);
  });

  it("drives validation of person values, and a bad value writes nothing", async () => {
    await createCustomField(t.db, field({ key: "member_since", label: "Member since", type: "date" }), "cli");
    await createCustomField(
      t.db,
      field({ key: "topics", label: "Topics", type: "multiple_choice", choices: ["AI", "Law"] }),
      "cli",
    );
    const start = await latestCursor(t.db);
    await expect(
      createPerson(t.db, { firstName: "A", lastName: "B", custom: { member_since: "yesterday" } }, "cli"),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "custom.member_since" }] },
    });
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
    const p = await createPerson(
      t.db,
      { firstName: "A", lastName: "B", custom: { member_since: "2020-02-02", topics: ["AI"] } },
      "cli",
    );
    expect((await getPerson(t.db, p.id))!.custom).toEqual({ member_since: "2020-02-02", topics: ["AI"] });
    // Updating custom values validates outside the write transaction (a single PGlite connection
    // would otherwise wait on itself) and merges with the stored values.
    await updatePerson(t.db, p.id, { custom: { topics: ["Law"] } }, "cli");
    expect((await getPerson(t.db, p.id))!.custom).toEqual({ member_since: "2020-02-02", topics: ["Law"] });
    const c = await createCompany(t.db, { name: "Custom Co" }, "cli");
    expect((await updateCompany(t.db, c.id, { name: "Custom Co 2", custom: {} }, "cli")).name).toBe(
      "Custom Co 2",
    );
  });

  it("refuses a duplicate key per record type, and bad definitions by field", async () => {
    await expect(createCustomField(t.db, field({ key: "member_since" }), "cli")).rejects.toMatchObject({
      code: "conflict",
      details: { fields: [{ field: "key" }] },
    });
    await createCustomField(t.db, field({ entity: "company", key: "member_since" }), "cli");
    expect((await listCustomFields(t.db, "company")).map((f) => f.key)).toEqual(["member_since"]);
    const bad = customFieldInputSchema.safeParse({
      entity: "person",
      key: "9bad",
      label: "",
      type: "single_choice",
      choices: [],
    });
    expect(bad.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["choices", "key", "label"]);
    expect(keyFromLabel("Member since (year)")).toBe("member_since_year");
    expect(keyFromLabel("2nd email")).toBe("f_2nd_email");
  });
});
