// A record's change history: who changed what, before → after (from the change outbox).
import { Card } from "@/components/ui/page-header";
import { formatDateTime } from "./format";

/** One change-outbox row as the page loads it (lib/records/history.ts), with its actor shown by name. */
export type HistoryEntry = {
  cursor: number;
  op: string;
  actorLabel: string;
  createdAt: Date;
  changedFields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

const opLabels: Record<string, string> = {
  created: "Created",
  updated: "Updated",
  deactivated: "Deactivated",
  reactivated: "Reactivated",
  deleted: "Deleted",
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(empty)";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  return (
    <Card title="History">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">No changes recorded yet.</p>
      ) : (
        <ol className="space-y-4" aria-label="Change history">
          {entries.map((e) => (
            <li key={e.cursor} className="border-l-2 border-slate-200 pl-3 text-sm">
              <p>
                <span className="font-medium">{opLabels[e.op] ?? e.op}</span> by {e.actorLabel} ·{" "}
                <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time>
              </p>
              {e.op !== "created" && e.changedFields.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-slate-700">
                  {e.changedFields.map((f) => (
                    <li key={f} className="break-words">
                      <span className="font-mono text-xs">{f}</span>: {show(e.before?.[f])} →{" "}
                      {show(e.after?.[f])}
                    </li>
                  ))}
                </ul>
              )}
              {e.op === "created" && (
                <p className="mt-1 text-slate-600">{e.changedFields.length} fields set</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
