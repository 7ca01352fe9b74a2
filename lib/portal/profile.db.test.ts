import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { getPerson } from "@/db/queries/people";
import { createPerson } from "@/lib/records/people";
import { insertRecord } from "@/db/queries/record-writes";
import { listRecordHistory } from "@/db/queries/changes";
import { updateSiteSettings } from "@/db/queries/site-settings";
import { customFields } from "@/db/schema";
import { loadEditableSet, profilePatchFromForm, updateOwnProfile } from "./profile";

let t: TestDb;
let me: string;
let other: string;
const actor = "user:00000000-0000-4000-8000-000000000001" as const;

beforeAll(async () => {
  t = await createTestDb();
  const field = (key: string, type: string, memberEditable: boolean, choices: string[] = []) =>
    insertRecord(
      t.db,
      customFields,
      "custom_field",
      { entity: "person", key, label: key, type, choices, memberEditable },
      "cli",
    );
  await field("interests", "multiple_choice", true, ["Policy", "Events"]);
  await field("license_number", "text", false);
  me = (
    await createPerson(
      t.db,
      { firstName: "Mia", lastName: "Member", email: "mia@x.example", custom: { license_number: "L1" } },
      "cli",
    )
  ).id;
  other = (await createPerson(t.db, { firstName: "Oto", lastName: "Other", email: "oto@x.example" }, "cli"))
    .id;
});
afterAll(() => t.close());

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("member profile edits", () => {
  it("saves editable fields and member-editable custom fields through the outbox", async () => {
    const editable = await loadEditableSet(t.db);
    const patch = profilePatchFromForm(
      form([
        ["firstName", "Mia"],
        ["lastName", "Member"],
        ["jobTitle", "Chair"],
        ["phone", "+1 555"],
        ["social.linkedin", "https://linkedin.com/in/mia"],
        ["custom.interests", "Policy"],
        ["custom.interests", "Events"],
      ]),
      editable,
    );
    await updateOwnProfile(t.db, me, patch, actor);
    const p = await getPerson(t.db, me);
    expect(p).toMatchObject({
      jobTitle: "Chair",
      phone: "+1 555",
      socialLinks: { linkedin: "https://linkedin.com/in/mia" },
    });
    expect(p!.custom).toEqual({ license_number: "L1", interests: ["Policy", "Events"] });
    const [last] = await listRecordHistory(t.db, "person", me);
    expect(last).toMatchObject({ op: "updated", actor });
  });

  it("refuses a non-editable field, naming it, and writes nothing", async () => {
    const before = await getPerson(t.db, me);
    for (const patch of [
      { email: "new@x.example" },
      { membershipTypeId: null },
      { expiryDate: "2099-01-01" },
      { active: false },
    ]) {
      await expect(updateOwnProfile(t.db, me, patch, actor)).rejects.toMatchObject({
        code: "forbidden",
        details: { fields: [{ field: Object.keys(patch)[0] }] },
      });
    }
    await expect(
      updateOwnProfile(t.db, me, { custom: { license_number: "FORGED" } }, actor),
    ).rejects.toMatchObject({
      code: "forbidden",
      details: { fields: [{ field: "custom.license_number" }] },
    });
    expect(await getPerson(t.db, me)).toEqual(before);
  });

  it("never touches another person: a crafted id field is refused", async () => {
    const editable = await loadEditableSet(t.db);
    const otherBefore = await getPerson(t.db, other);
    const patch = profilePatchFromForm(
      form([
        ["id", other],
        ["personId", other],
        ["jobTitle", "Hacked"],
      ]),
      editable,
    );
    await expect(updateOwnProfile(t.db, me, patch, actor)).rejects.toMatchObject({ code: "forbidden" });
    expect(await getPerson(t.db, other)).toEqual(otherBefore);
    expect((await getPerson(t.db, me))!.jobTitle).toBe("Chair");
  });

  it("follows the staff setting of member-editable fields", async () => {
    await updateSiteSettings(t.db, { memberEditableFields: ["first_name", "last_name"] }, "cli");
    await expect(updateOwnProfile(t.db, me, { phone: "+1 999" }, actor)).rejects.toMatchObject({
      code: "forbidden",
      details: { fields: [{ field: "phone" }] },
    });
    const editable = await loadEditableSet(t.db);
    expect(editable.fields).toEqual(["first_name", "last_name"]);
    expect(() =>
      profilePatchFromForm(
        form([
          ["firstName", "Mia"],
          ["bio", "x"],
        ]),
        editable,
      ),
    ).not.toThrow();
    await expect(
      updateOwnProfile(
        t.db,
        me,
        profilePatchFromForm(
          form([
            ["firstName", "Mia"],
            ["bio", "x"],
          ]),
          editable,
        ),
        actor,
      ),
    ).rejects.toMatchObject({ details: { fields: [{ field: "bio" }] } });
  });

  it("refuses invalid values naming the field", async () => {
    await expect(updateOwnProfile(t.db, me, { firstName: "" }, actor)).rejects.toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "firstName" }] },
    });
    await expect(
      updateOwnProfile(t.db, me, { custom: { interests: ["Nope"] } }, actor),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "custom.interests" }] },
    });
  });
});
