"use client";
// "Needs attention": change-log entries a follower set aside (with the database's error and a retry) and
// followers that have fallen behind. Data and actions come from the page.
import { useState, useTransition } from "react";
import { AdminTable } from "@/components/ui/admin-table";
import { buttonClass } from "@/components/ui/button";
import { formatTime } from "./format";

export type SetAsideEntry = {
  follower: string;
  cursor: number;
  error: string;
  tries: number;
  firstFailedAt: string;
  lastTriedAt: string;
  recordType: string | null;
  recordId: string | null;
  op: string | null;
};
export type BehindFollower = { name: string; waiting: number; oldest: string };

function ActionButton({
  label,
  action,
  variant = "secondary",
}: {
  label: string;
  action: () => Promise<string | void>;
  variant?: "primary" | "secondary";
}) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonClass(variant)}
        disabled={pending}
        onClick={() => start(async () => setMessage((await action()) ?? null))}
      >
        {pending ? "Retrying…" : label}
      </button>
      {message && (
        <span role="alert" className="text-sm text-red-700">
          {message}
        </span>
      )}
    </span>
  );
}

export function AttentionList({
  setAside,
  behind,
  retry,
  retryAll,
}: {
  setAside: SetAsideEntry[];
  behind: BehindFollower[];
  retry: (follower: string, cursor: number) => Promise<string | void>;
  retryAll: () => Promise<string | void>;
}) {
  if (!setAside.length && !behind.length) return null;
  return (
    <section
      aria-labelledby="attention-title"
      className="mb-8 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="attention-title" className="text-lg font-semibold text-amber-900">
          Needs attention
        </h2>
        {setAside.length > 0 && <ActionButton label="Retry all" action={retryAll} variant="primary" />}
      </div>
      {behind.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm text-amber-900">
          {behind.map((b) => (
            <li key={b.name}>
              <strong>{b.name}</strong> is behind: {b.waiting} change{b.waiting === 1 ? "" : "s"} waiting, the
              oldest since {formatTime(b.oldest)}.
            </li>
          ))}
        </ul>
      )}
      {setAside.length > 0 && (
        <>
          <p className="mt-2 text-sm text-amber-900">
            These changes could not be applied and were set aside so that everything else keeps flowing. Fix
            the record the error points to, then retry; they are also retried by themselves every few minutes.
          </p>
          <div className="mt-3">
            <AdminTable
              caption="Set-aside changes"
              rows={setAside}
              rowKey={(e) => `${e.follower}:${e.cursor}`}
              empty={{ title: "Nothing set aside" }}
              columns={[
                { header: "Follower", className: "font-mono text-xs", cell: (e) => e.follower },
                {
                  header: "Change",
                  cell: (e) => (
                    <>
                      #{e.cursor}
                      {e.recordType && (
                        <span className="block text-xs text-slate-600">
                          {e.recordType} {e.op} <span className="font-mono">{e.recordId}</span>
                        </span>
                      )}
                    </>
                  ),
                },
                {
                  header: "Error",
                  className: "max-w-md break-words font-mono text-xs",
                  cell: (e) => e.error,
                },
                { header: "Tries", align: "right", cell: (e) => e.tries },
                { header: "Since", cell: (e) => formatTime(e.firstFailedAt) },
                {
                  header: <span className="sr-only">Actions</span>,
                  key: "actions",
                  cell: (e) => <ActionButton label="Retry" action={() => retry(e.follower, e.cursor)} />,
                },
              ]}
            />
          </div>
        </>
      )}
    </section>
  );
}
