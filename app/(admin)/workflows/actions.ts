"use server";
// Staff actions on workflow runs: cancel a running run, retry (re-run) a failed one. Each re-checks the admin.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminCommand } from "@/lib/records/admin-action";
import { runningExecutor } from "@/inngest/embedded";
import { AppError } from "@/lib/core/errors";
import { getWorkflowRun } from "@/db/queries/workflows";

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
