"use client";
// "Needs attention": change-log entries a follower set aside (with the database's error and a retry) and
// followers that have fallen behind. Data and actions come from the page.
import { useState, useTransition } from "react";
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
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Set-aside changes</caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className="py-1 pr-3">
                  Follower
                </th>
                <th scope="col" className="py-1 pr-3">
                  Change
                </th>
                <th scope="col" className="py-1 pr-3">
                  Error
                </th>
                <th scope="col" className="py-1 pr-3">
                  Tries
                </th>
                <th scope="col" className="py-1 pr-3">
                  Since
                </th>
                <th scope="col" className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {setAside.map((e) => (
                <tr key={`${e.follower}:${e.cursor}`} className="border-t border-amber-200 align-top">
                  <td className="py-2 pr-3 font-mono text-xs">{e.follower}</td>
                  <td className="py-2 pr-3">
                    #{e.cursor}
                    {e.recordType && (
                      <span className="block text-xs text-slate-600">
                        {e.recordType} {e.op} <span className="font-mono">{e.recordId}</span>
                      </span>
                    )}
                  </td>
                  <td className="max-w-md break-words py-2 pr-3 font-mono text-xs">{e.error}</td>
                  <td className="py-2 pr-3">{e.tries}</td>
                  <td className="py-2 pr-3">{formatTime(e.firstFailedAt)}</td>
                  <td className="py-2">
                    <ActionButton label="Retry" action={() => retry(e.follower, e.cursor)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
