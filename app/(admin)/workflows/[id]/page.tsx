// One workflow run: its steps in order, live while it runs; Cancel and Retry.
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getWorkflowRun } from "@/db/queries/workflows";
import { RunView } from "@/components/workflows/run-view";
import { ServerModeNotice } from "@/components/workflows/server-mode-notice";
import { isStaff } from "@/lib/records/page-guard";
import { env } from "@/lib/core/env";
import { cancelRunAction, retryRunAction } from "../actions";

export const metadata = { title: "Workflow run" };
export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isStaff(`/workflows/${id}`))) return null;
  if (env.INNGEST_MODE === "server") return <ServerModeNotice />;
  const run = await getWorkflowRun(await getDb(), id);
  if (!run) notFound();
  return (
    <RunView
      initial={JSON.parse(JSON.stringify(run))}
      cancel={cancelRunAction.bind(null, id)}
      retry={retryRunAction.bind(null, id)}
    />
  );
}
