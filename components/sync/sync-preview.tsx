// The dry run of a link (lib/sync/preview.ts): counts, then who would be added, removed or is not eligible.
import type { ReactNode } from "react";

export type Preview = {
  counts: { add: number; remove: number; notEligible: number; alreadyThere: number };
  adds: { name: string; email: string }[];
  removes: { name: string; email: string | null }[];
  notEligible: { name: string; reason: string; message: string }[];
};

export function SyncPreview({
  preview,
  removedFrom,
  children,
}: {
  preview: Preview;
  /** The vendor's label: "Will be removed from Mobilize". */
  removedFrom: string;
  /** What to do with it (e.g. the save button). */
  children?: ReactNode;
}) {
  return (
    <div className="mt-4 space-y-2 text-sm" data-testid="sync-preview">
      <p>
        <strong>{preview.counts.add}</strong> to add, <strong>{preview.counts.remove}</strong> to remove,{" "}
        <strong>{preview.counts.notEligible}</strong> not eligible, {preview.counts.alreadyThere} already
        there.
      </p>
      <PreviewList title="Will be added" items={preview.adds.map((a) => `${a.name} (${a.email})`)} />
      <PreviewList
        title={`Will be removed from ${removedFrom}`}
        items={preview.removes.map((r) => r.name || r.email || "")}
      />
      <PreviewList
        title="Not eligible"
        items={preview.notEligible.map((n) => `${n.name}: N/A — ${n.message}`)}
      />
      {children}
    </div>
  );
}

function PreviewList({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <details>
      <summary className="cursor-pointer">
        {title} ({items.length})
      </summary>
      <ul className="max-h-40 list-disc overflow-auto pl-5">
        {items.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
    </details>
  );
}
