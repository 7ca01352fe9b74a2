"use server";
// Approve or reject a pending company link (Company Signup Protection). Re-checked by adminAction.
import { revalidatePath } from "next/cache";
import { decidePendingSignup } from "@/lib/records/people";
import { adminAction, type FormState } from "@/lib/records/admin-action";

export async function decideSignupAction(
  personId: string,
  decision: "approve" | "reject",
  _prev: FormState,
): Promise<FormState> {
  const state = await adminAction(async ({ db, actor }) => {
    await decidePendingSignup(db, personId, decision, actor);
  });
  if (!state.error) revalidatePath("/pending-signups");
  return state;
}

/** Reject, behind a confirmation (components/ui/confirm-button.tsx): an error message, or nothing. */
export async function rejectSignupAction(personId: string): Promise<string | void> {
  const state = await decideSignupAction(personId, "reject", {});
  return state.error;
}
