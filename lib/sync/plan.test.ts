import { describe, expect, it } from "vitest";
import type { GroupMemberRow } from "./eligibility";
import { eligibilityOf, fieldsHashOf, toSyncPerson } from "./eligibility";
import { needsRemovalConfirmation, planSync } from "./plan";

const row = (id: string, over: Partial<GroupMemberRow> = {}): GroupMemberRow => ({
  recordType: "person",
  recordId: id,
  firstName: "F" + id,
  lastName: "L" + id,
  email: `${id}@example.org`,
  jobTitle: null,
  companyName: null,
  active: true,
  hasUserAccount: true,
  ...over,
});
const remote = (id: string, email: string | null) => ({
  remoteUserId: id,
  email,
  firstName: "R",
  lastName: id,
});

describe("eligibility", () => {
  it.each([
    [{ recordType: "company" as const }, "is_company"],
    [{ active: false }, "deactivated"],
    [{ hasUserAccount: false }, "no_user_account"],
    [{ email: null }, "missing_email"],
  ])("%o → %s", (over, reason) => {
    expect(eligibilityOf(row("a", over))).toMatchObject({ eligible: false, reason });
  });
  it("accepts an active individual with an account and email", () => {
    expect(eligibilityOf(row("a"))).toEqual({ eligible: true });
  });
});

describe("planSync", () => {
  it("adds the missing, removes hand-added remote members, updates changed fields, keeps the rest", () => {
    const members = [row("a"), row("b"), row("c", { jobTitle: "New" }), row("d", { hasUserAccount: false })];
    const b = toSyncPerson(row("b"), "r-b");
    const c = toSyncPerson(row("c"), "r-c");
    const plan = planSync({
      members,
      remote: [
        remote("r-b", "b@example.org"),
        remote("r-c", "C@example.org"),
        remote("r-x", "hand@added.org"),
      ],
      remoteIds: new Map([["b", "r-b"]]),
      sentHashes: new Map([
        ["b", fieldsHashOf(b)],
        ["c", fieldsHashOf(c)],
      ]),
    });
    expect(plan.adds.map((a) => a.person.personId)).toEqual(["a"]);
    expect(plan.removes.map((r) => r.remoteUserId)).toEqual(["r-x"]);
    expect(plan.updates.map((u) => u.person.personId)).toEqual(["c"]);
    expect(plan.unchanged.map((u) => u.personId)).toEqual(["b"]);
    expect(plan.notEligible).toMatchObject([{ recordId: "d", reason: "no_user_account" }]);
    expect(plan.learned).toEqual([{ personId: "c", remoteUserId: "r-c" }]);
  });
  it("matches a remembered remote id even when the email changed", () => {
    const plan = planSync({
      members: [row("a", { email: "new@example.org" })],
      remote: [remote("r-a", "old@example.org")],
      remoteIds: new Map([["a", "r-a"]]),
      sentHashes: new Map(),
    });
    expect(plan.adds).toEqual([]);
    expect(plan.removes).toEqual([]);
    expect(plan.updates.map((u) => u.person.remoteUserId)).toEqual(["r-a"]);
  });
});

describe("mass-removal guard", () => {
  it.each([
    [25, 200, true],
    [24, 200, false],
    [25, 250, false],
    [26, 250, true],
  ])("%i of %i removed → confirm %s", (removals, size, expected) => {
    expect(needsRemovalConfirmation(removals, size, 10, 25)).toBe(expected);
  });
});
