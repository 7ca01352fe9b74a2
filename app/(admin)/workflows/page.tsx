// Workflows: recent runs with function, trigger, status, start and duration; filters from the URL.
import Link from "next/link";
import { getDb } from "@/db/client";
import { isRunStatus, listWorkflowFunctionIds, listWorkflowRuns } from "@/db/queries/workflows";
import { workflowRunStatuses } from "@/db/schema";
import { AdminTable } from "@/components/ui/admin-table";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ServerModeNotice } from "@/components/workflows/server-mode-notice";
import { RunStatusBadge, formatDuration, formatTime } from "@/components/workflows/format";
import { isStaff } from "@/lib/records/page-guard";
import { env } from "@/lib/core/env";
import { loadAttention } from "@/lib/changes/attention";
import { AttentionList } from "@/components/workflows/attention-list";
import { retryAllSetAsideAction, retrySetAsideAction } from "./actions";

export const metadata = { title: "Workflows" };
export const dynamic = "force-dynamic";

type Search = Promise<{ function?: string; status?: string }>;

export default async function WorkflowsPage({ searchParams }: { searchParams: Search }) {
  if (!(await isStaff("/workflows"))) return null;
  const db = await getDb();
  const attention = await loadAttention(db);
  const attentionList = (
    <AttentionList
      setAside={attention.setAside.map((e) => ({
        ...e,
        firstFailedAt: e.firstFailedAt.toISOString(),
        lastTriedAt: e.lastTriedAt.toISOString(),
      }))}
      behind={attention.behind}
      retry={retrySetAsideAction}
      retryAll={retryAllSetAsideAction}
    />
  );
  if (env.INNGEST_MODE === "server")
    return (
      <>
        <ServerModeNotice />
        {attentionList}
      </>
    );
  const sp = await searchParams;
  const fnId = sp.function || undefined;
  const status = isRunStatus(sp.status) ? sp.status : undefined;
  const [runs, fnIds] = await Promise.all([
    listWorkflowRuns(db, { fnId, status, limit: 100 }),
    listWorkflowFunctionIds(db),
  ]);
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Runs of the durable workflows (syncs, webhooks, group updates), newest first."
      />
      {attentionList}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter runs">
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">Function</span>
          <select name="function" defaultValue={fnId ?? ""} className={select}>
            <option value="">All functions</option>
            {fnIds.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-700">Status</span>
          <select name="status" defaultValue={status ?? ""} className={select}>
            <option value="">All statuses</option>
            {workflowRunStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
      </form>
      <AdminTable
        caption="Workflow runs"
        rows={runs}
        rowKey={(r) => r.id}
        empty={{
          title: fnId || status ? "No runs match" : "No workflow runs yet",
          children:
            fnId || status
              ? "Try other filters."
              : "Runs appear here when a sync, webhook or other workflow starts.",
        }}
        columns={[
          {
            header: "Function",
            cell: (r) => (
              <Link href={`/workflows/${r.id}`} className="text-brand-700 underline">
                {r.fnId}
              </Link>
            ),
          },
          { header: "Trigger", className: "font-mono text-xs", cell: (r) => r.trigger },
          { header: "Status", cell: (r) => <RunStatusBadge status={r.status} /> },
          { header: "Started", cell: (r) => formatTime(r.startedAt ?? r.createdAt) },
          { header: "Duration", cell: (r) => formatDuration(r.startedAt, r.endedAt) },
        ]}
      />
    </>
  );
}
