// Every stored sync state and N/A reason reads as a plain status with a reason a member understands.
import { describe, expect, it } from "vitest";
import { syncMemberStates, syncReasons } from "@/db/schema/sync";
import { describeCommunityStatus } from "./my-groups";

describe("describeCommunityStatus", () => {
  it.each([
    ["up_to_date", null, "in", "You are in it", null],
    ["syncing", null, "pending", "Not yet", /being added to Mobilize now/],
    [null, null, "pending", "Not yet", /not been synced to Mobilize since you joined/],
    ["error", null, "out", "You are not in it", /did not work the last time/],
    ["not_applicable", "no_user_account", "out", "You are not in it", /sign-in account/],
    ["not_applicable", "deactivated", "out", "You are not in it", /deactivated/],
    ["not_applicable", "missing_email", "out", "You are not in it", /no email address, which Mobilize needs/],
    ["not_applicable", "remote_rejected", "out", "You are not in it", /Mobilize did not accept you/],
    ["not_applicable", "is_company", "out", "You are not in it", /individual people/],
    ["not_applicable", null, "out", "You are not in it", /not one of the members added/],
  ] as const)("%s / %s → %s", (state, reason, status, statusLabel, explanation) => {
    const d = describeCommunityStatus("Mobilize", state, reason);
    expect(d).toMatchObject({ status, statusLabel });
    if (explanation === null) expect(d.explanation).toBeNull();
    else expect(d.explanation).toMatch(explanation);
  });

  it("has words for every state and reason the sync engine stores (no raw codes shown)", () => {
    for (const state of syncMemberStates)
      for (const reason of [null, ...syncReasons]) {
        const d = describeCommunityStatus("Mobilize", state, reason);
        expect(d.statusLabel).toMatch(/^[A-Z]/);
        expect(d.explanation ?? "").not.toMatch(/_/);
      }
  });
});
