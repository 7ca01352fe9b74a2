// The loading state shown while a staff page's data is read (used by each section's loading.tsx).
export function LoadingPanel({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-sm text-slate-600">Loading {label}…</p>
      <div className="h-8 w-1/3 animate-pulse rounded bg-slate-200" />
      <div className="h-40 animate-pulse rounded bg-slate-100" />
    </div>
  );
}
