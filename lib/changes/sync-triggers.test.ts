import { describe, expect, it } from "vitest";
import { affectedBy } from "./sync-triggers";

const change = (over: Record<string, unknown>) =>
  ({
    cursor: 1,
    recordType: "person",
    recordId: "p1",
    op: "updated",
    changedFields: [],
    before: null,
    after: null,
    actor: "cli",
    createdAt: new Date(),
    ...over,
  }) as never;

describe("affectedBy", () => {
  it("reacts to synced person fields, accounts, company names and group edits only", () => {
    const r = affectedBy([
      change({ recordId: "p1", changedFields: ["jobTitle"] }),
      change({ recordId: "p2", changedFields: ["phone"] }),
      change({ recordId: "p3", changedFields: ["last_name"] }),
      change({ recordType: "user", recordId: "u1", op: "created", after: { personId: "p4" } }),
      change({ recordType: "company", recordId: "c1", changedFields: ["name"] }),
      change({ recordType: "company", recordId: "c2", changedFields: ["email"] }),
      change({ recordType: "group", recordId: "g1", changedFields: ["conditions"] }),
    ]);
    expect(r).toEqual({ personIds: ["p1", "p3", "p4"], companyIds: ["c1"], groupIds: ["g1"] });
  });
});
