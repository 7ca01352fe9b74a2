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
