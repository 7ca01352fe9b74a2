"use client";
// A run's live view: polls the run's data route every second while the run is queued or running.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTransition, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { PageHeader, Card } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { JsonBlock, RunStatusBadge, StepStatusBadge, formatDuration, formatTime } from "./format";

/** A JSON value as the run page shows it: pretty-printed, cut when long. */
type ShownJson = { text: string; truncated: boolean } | null;

/** One run with its steps, as JSON (dates as ISO strings): the page's first render and the data route. */
export type RunJson = {
  id: string;
  fnId: string;
  trigger: string;
  status: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  event: ShownJson;
  output: ShownJson;
  error: ShownJson;
  steps: {
    stepId: string;
    name: string;
    op: string;
    status: string;
    attempts: number;
    startedAt: string;
    endedAt: string | null;
    output: ShownJson;
    error: ShownJson;
  }[];
};

const active = (status: string) => status === "queued" || status === "running";

export function RunView({
  initial,
  cancel,
  retry,
}: {
  initial: RunJson;
  cancel: () => Promise<string | void>;
  retry: () => Promise<string | void>;
}) {
  const q = useQuery({
    queryKey: ["workflow-run", initial.id],
    initialData: initial,
    queryFn: async () => {
      const res = await fetch(`/workflows/${initial.id}/data`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not refresh the run (${res.status})`);
      return (await res.json()) as RunJson;
    },
    refetchInterval: (query) => (active(query.state.data?.status ?? "") ? 1_000 : false),
  });
  const run = q.data;
  const [retrying, startRetry] = useTransition();
  const [retryError, setRetryError] = useState<string | null>(null);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/workflows" className="text-brand-700 underline">
          ← All runs
        </Link>
      </p>
      <PageHeader
        title={run.fnId}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <RunStatusBadge status={run.status} /> triggered by <code>{run.trigger}</code>, started{" "}
            {formatTime(run.startedAt ?? run.createdAt)}, {active(run.status) ? "running for" : "took"}{" "}
            {formatDuration(run.startedAt, run.endedAt)}
          </span>
        }
        actions={
          <>
            {active(run.status) && (
              <ConfirmButton
                label="Cancel run"
                title="Cancel this run?"
                body="The step in progress finishes, but no further steps run. This cannot be undone."
                confirmLabel="Cancel run"
                action={async () => {
                  const error = await cancel();
                  await q.refetch();
                  return error;
                }}
              />
            )}
            {run.status === "failed" && (
              <button
                type="button"
                className={buttonClass("primary")}
                disabled={retrying}
                onClick={() => startRetry(async () => setRetryError((await retry()) ?? null))}
              >
                {retrying ? "Starting…" : "Retry"}
              </button>
            )}
          </>
        }
      />
      <div role="status" aria-live="polite" className="sr-only">
        Run {run.status}
      </div>
      {retryError && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {retryError}
        </p>
      )}
      {q.error && (
        <p role="alert" className="mb-4 text-sm text-amber-800">
          {(q.error as Error).message}; showing the last known state.
        </p>
      )}
      <Card title="Steps">
        {run.steps.length === 0 ? (
          <p className="text-sm text-slate-600">
            {active(run.status) ? "Waiting for the first step…" : "No steps ran."}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Steps of this run, in order</caption>
              <thead className="text-left text-slate-700">
                <tr>
                  {["#", "Step", "Status", "Attempts", "Started", "Duration", "Output or error"].map((h) => (
                    <th key={h} scope="col" className="px-2 py-2">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {run.steps.map((s, i) => (
                  <tr key={s.stepId}>
                    <td className="px-2 py-2">{i + 1}</td>
                    <td className="px-2 py-2 font-medium">{s.name}</td>
                    <td className="px-2 py-2">
                      <StepStatusBadge status={s.status} />
                    </td>
                    <td className="px-2 py-2">{s.attempts}</td>
                    <td className="px-2 py-2 whitespace-nowrap">{formatTime(s.startedAt)}</td>
                    <td className="px-2 py-2 whitespace-nowrap">{formatDuration(s.startedAt, s.endedAt)}</td>
                    <td className="px-2 py-2">
                      {s.error ? (
                        <JsonBlock value={s.error} label={`Error of ${s.name}`} />
                      ) : (
                        <JsonBlock value={s.output} label={`Output of ${s.name}`} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title="Event">
          <JsonBlock
            value={{ text: JSON.stringify(run.event, null, 2), truncated: false }}
            label="Triggering event"
          />
        </Card>
        <Card title={run.error ? "Error" : "Result"}>
          <JsonBlock value={run.error ?? run.output} label={run.error ? "Run error" : "Run result"} />
        </Card>
      </div>
    </>
  );
}
