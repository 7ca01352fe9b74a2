// Workflows: recent runs with function, trigger, status, start and duration; filters from the URL.
import Link from "next/link";
import { getDb } from "@/db/client";
import { isRunStatus, listWorkflowFunctionIds, listWorkflowRuns } from "@/db/queries/workflows";
import { workflowRunStatuses } from "@/db/schema";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ServerModeNotice } from "@/components/workflows/server-mode-notice";
import { RunStatusBadge, formatDuration, formatTime } from "@/components/workflows/format";
import { isStaff } from "@/lib/records/page-guard";
import { env } from "@/lib/core/env";

export const metadata = { title: "Workflows" };
export const dynamic = "force-dynamic";

type Search = Promise<{ function?: string; status?: string }>;

export default async function WorkflowsPage({ searchParams }: { searchParams: Search }) {
  if (!(await isStaff("/workflows"))) return null;
  if (env.INNGEST_MODE === "server") return <ServerModeNotice />;
  const sp = await searchParams;
  const fnId = sp.function || undefined;
  const status = isRunStatus(sp.status) ? sp.status : undefined;
  const db = await getDb();
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
      {runs.length === 0 ? (
        <EmptyState title={fnId || status ? "No runs match" : "No workflow runs yet"}>
          {fnId || status
            ? "Try other filters."
            : "Runs appear here when a sync, webhook or other workflow starts."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Workflow runs</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                {["Function", "Trigger", "Status", "Started", "Duration"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2">
                    <Link href={`/workflows/${r.id}`} className="text-brand-700 underline">
                      {r.fnId}
                    </Link>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.trigger}</td>
                  <td className="px-3 py-2">
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2">{formatTime(r.startedAt ?? r.createdAt)}</td>
                  <td className="px-3 py-2">{formatDuration(r.startedAt, r.endedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
