"use server";
// Staff actions on workflow runs (cancel a running run, re-run a failed one) and on set-aside change-log
// entries (retry). Each re-checks the admin.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminCommand } from "@/lib/records/admin-action";
import { runningExecutor } from "@/inngest/embedded";
import { AppError } from "@/lib/core/errors";
import { getWorkflowRun } from "@/db/queries/workflows";
import { retryEntry, retryEverything } from "@/lib/changes/attention";

async function executor() {
  const running = runningExecutor();
  if (!running) throw new AppError("unavailable", "The workflow executor is not running.");
  return running;
}

export async function cancelRunAction(runId: string): Promise<string | void> {
  return adminCommand(async () => {
    if (!(await (await executor()).cancel(runId)))
      throw new AppError("conflict", "This run has already ended.");
    revalidatePath(`/workflows/${runId}`);
  });
}

export async function retryRunAction(runId: string): Promise<string | void> {
  let next: string | null = null;
  const error = await adminCommand(async ({ db }) => {
    const run = await getWorkflowRun(db, runId);
    if (!run) throw new AppError("not_found", "This run was not found.");
    if (run.status !== "failed") throw new AppError("conflict", "Only a failed run can be retried.");
    next = await (await executor()).rerun(runId);
    if (!next) throw new AppError("not_found", "This run or its function no longer exists.");
  });
  if (error) return error;
  redirect(`/workflows/${next}`);
}

/** Tries one set-aside change-log entry again (Needs attention). */
export async function retrySetAsideAction(follower: string, cursor: number): Promise<string | void> {
  return adminCommand(async ({ db }) => {
    if (!Number.isSafeInteger(cursor) || cursor < 1) throw new AppError("invalid_input", "Unknown entry.");
    await retryEntry({ db }, follower, cursor);
    revalidatePath("/workflows");
  });
}

/** Tries every set-aside entry again; says how many still fail. */
export async function retryAllSetAsideAction(): Promise<string | void> {
  return adminCommand(async ({ db }) => {
    const { left } = await retryEverything({ db });
    revalidatePath("/workflows");
    if (left)
      throw new AppError("conflict", `${left} change${left === 1 ? "" : "s"} still fail; see each error.`);
  });
}
