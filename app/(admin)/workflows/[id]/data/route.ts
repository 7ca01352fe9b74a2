// GET /workflows/:id/data: one run with its steps, polled by the run page while the run is active.
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getWorkflowRun } from "@/db/queries/workflows";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireAdmin();
    const run = await getWorkflowRun(await getDb(), (await params).id);
    if (!run) throw new AppError("not_found", "This run was not found.");
    return NextResponse.json(run, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return NextResponse.json({ error: { code: e.code, message: e.message } }, { status: e.status });
  }
}
