"use client";
// The live member count while editing: the draft definition is counted by the same compiled SQL the
// group will use, through an admin-only route handler, debounced so typing does not flood the server.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

export type Draft = {
  id?: string;
  recordTypes: string;
  mode: string;
  conditions: unknown;
  specificIds: string[];
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function LiveCount({ draft, valid }: { draft: Draft; valid: boolean }) {
  const key = useDebounced(JSON.stringify(draft), 300);
  const q = useQuery({
    queryKey: ["group-live-count", key],
    enabled: valid,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/admin/groups/count", {
        method: "POST",
        body: key,
        signal,
        headers: { "content-type": "application/json" },
      });
      const body = (await res.json()) as { count?: number; error?: { message: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      return body.count ?? 0;
    },
  });
  let text: string;
  if (!valid) text = "Fix the conditions to see the count";
  else if (q.isError) text = `Could not count: ${(q.error as Error).message}`;
  else if (q.data === undefined) text = "Counting…";
  else
    text = `${q.data.toLocaleString("en")} ${q.data === 1 ? "record matches" : "records match"}${q.isFetching ? " (updating…)" : ""}`;
  return (
    <p
      aria-live="polite"
      data-testid="live-count"
      className="rounded-md bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900"
    >
      {text}
    </p>
  );
}
