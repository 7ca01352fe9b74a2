// Shared bits of the workflows screen: status badges, times and durations (UTC, so server and browser agree).
import { Badge } from "@/components/ui/page-header";

const tones = {
  queued: "slate",
  running: "blue",
  completed: "green",
  failed: "red",
  cancelled: "amber",
} as const;

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status as keyof typeof tones] ?? "slate"}>{status}</Badge>;
}

const stepTones = { running: "blue", waiting: "slate", completed: "green", failed: "red" } as const;

export function StepStatusBadge({ status }: { status: string }) {
  return <Badge tone={stepTones[status as keyof typeof stepTones] ?? "slate"}>{status}</Badge>;
}

export function formatTime(value: Date | string | null): string {
  if (!value) return "—";
  return new Date(value).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

export function formatDuration(start: Date | string | null, end: Date | string | null): string {
  if (!start) return "—";
  const ms = new Date(end ?? Date.now()).getTime() - new Date(start).getTime();
  if (ms < 1_000) return `${Math.max(0, ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return minutes < 60
    ? `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`
    : `${(minutes / 60).toFixed(1)} h`;
}

/** A JSON value shown in a <pre>, saying when it was cut. */
export function JsonBlock({
  value,
  label,
}: {
  value: { text: string; truncated: boolean } | null;
  label: string;
}) {
  if (!value) return <span className="text-slate-500">—</span>;
  return (
    <div>
      <pre
        aria-label={label}
        className="max-h-48 max-w-xl overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap"
      >
        {value.text}
      </pre>
      {value.truncated && <p className="text-xs text-slate-500">Truncated to the first 2,000 characters.</p>}
    </div>
  );
}
