import { describe, expect, it } from "vitest";
import addMemberRequest from "./fixtures/add-member-request.json";
import groupsPage from "./fixtures/groups-page.json";
import membersPage from "./fixtures/members-page-envelope.json";
import updateUserRequest from "./fixtures/update-user-request.json";
import { unwrapPage } from "../http";
import { fromMobilizeGroup, fromMobilizeUser, toAddMemberBody, toUpdateUserBody } from "./transform";

const ada = {
  personId: "p1",
  email: " ada@example.org ",
  firstName: "Ada",
  lastName: "Lovelace ",
  companyName: "Analytical Engines Ltd",
  jobTitle: "Programmer",
};
const mapping = { companyField: "company_name", jobTitleField: "title" };

describe("Mobilize transform", () => {
  it("builds the add-member body with mapped custom fields", () => {
    expect(toAddMemberBody(ada, mapping)).toEqual(addMemberRequest);
  });
  it("adds by user_id once the remote id is known", () => {
    expect(toAddMemberBody({ ...ada, remoteUserId: "500001" }, mapping)).toEqual({ user_id: 500001 });
  });
  it("builds the update-user body", () => {
    expect(toUpdateUserBody(ada, mapping)).toEqual(updateUserRequest);
  });
  it("leaves out fields whose mapping is empty and sends blanks for missing values", () => {
    const body = toAddMemberBody(
      { ...ada, companyName: null },
      { companyField: "company", jobTitleField: "" },
    );
    expect(body).toEqual({
      fields: { email: "ada@example.org", first_name: "Ada", last_name: "Lovelace", company: "" },
    });
  });
  it("reads groups with their parent", () => {
    expect(groupsPage.map(fromMobilizeGroup)).toEqual([
      { id: "1001", name: "Board Members", parentId: null },
      { id: "1002", name: "Board Committee", parentId: "1001" },
    ]);
  });
  it("reads members from an envelope, with email and names from fields when absent at the root", () => {
    const { items, count } = unwrapPage(membersPage);
    expect(count).toBe(2);
    expect(items.map(fromMobilizeUser)).toEqual([
      { remoteUserId: "500001", email: "ada@example.org", firstName: "Ada", lastName: "Lovelace" },
      { remoteUserId: "500002", email: "grace@example.org", firstName: "Grace", lastName: "Hopper" },
    ]);
  });
  it("rejects a member without an id", () => {
    expect(() => fromMobilizeUser({ email: "x@y.z" })).toThrow(/without an id/);
  });
});
