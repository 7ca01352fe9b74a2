// Explain membership: pick a person or company, then see clause by clause which conditions pass or fail.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ExplainNode, GroupExplanation } from "@/lib/groups/evaluate";

/** What the page loads for the tab: records matching the search, and the chosen record's explanation. */
export type ExplainData = {
  matches: { recordType: "person" | "company"; id: string; name: string; email: string | null }[];
  /** Null when no record is chosen or the chosen id is no person or company. */
  explained: { name: string; result: GroupExplanation; stored: boolean } | null;
};

const show = (v: unknown) =>
  v === undefined
    ? ""
    : Array.isArray(v)
      ? v.join(", ")
      : typeof v === "object" && v
        ? JSON.stringify(v)
        : String(v);

function Node({ n }: { n: ExplainNode }) {
  const mark = (
    <span
      className={`mr-2 inline-block w-12 rounded px-1 text-center text-xs font-semibold ${n.pass ? "bg-green-100 text-green-900" : "bg-red-100 text-red-900"}`}
    >
      {n.pass ? "pass" : "fail"}
    </span>
  );
  if (n.kind === "leaf")
    return (
      <li className="py-1">
        {mark}
        {n.field} {n.op} <strong>{show(n.value)}</strong>
        {n.actual !== undefined && (
          <span className="text-slate-600"> — their value: {show(n.actual) || "(empty)"}</span>
        )}
        {n.note && <span className="text-slate-600"> — {n.note}</span>}
      </li>
    );
  return (
    <li className="py-1">
      {mark}
      {n.kind === "all" ? "All of:" : n.kind === "any" ? "Any of:" : "Not:"}
      <ul className="ml-6 border-l border-slate-200 pl-3">
        {n.children?.map((c, i) => (
          <Node key={i} n={c} />
        ))}
      </ul>
    </li>
  );
}

export function ExplainTab({
  groupId,
  find,
  recordId,
  data: { matches, explained },
}: {
  groupId: string;
  find?: string;
  recordId?: string;
  data: ExplainData;
}) {
  return (
    <div className="space-y-4">
      <form method="get" role="search" className="flex max-w-md gap-2">
        <input type="hidden" name="tab" value="explain" />
        <label htmlFor="explain-find" className="sr-only">
          Find a person or company
        </label>
        <input
          id="explain-find"
          name="find"
          defaultValue={find}
          placeholder="Find a person or company"
          className={inputClass}
        />
        <button type="submit" className={buttonClass("secondary")}>
          Find
        </button>
      </form>
      {find && (
        <ul aria-label="Matching records" className="space-y-1 text-sm">
          {matches.length === 0 && <li>No person or company matches “{find}”.</li>}
          {matches.map((m) => (
            <li key={m.id}>
              <Link
                href={`/groups/${groupId}?tab=explain&record=${m.id}`}
                className="text-brand-700 underline"
              >
                Explain {m.name}
              </Link>{" "}
              <span className="text-slate-600">
                ({m.recordType}
                {m.email ? `, ${m.email}` : ""})
              </span>
            </li>
          ))}
        </ul>
      )}
      {recordId && !explained && (
        <p role="alert" className="text-sm text-red-700">
          No person or company has that id.
        </p>
      )}
      {explained && (
        <section aria-labelledby="explain-result" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="explain-result" className="text-base font-semibold">
            {explained.name} is {explained.result.pass ? "in" : "not in"} this group
          </h2>
          {explained.result.reason && <p className="text-sm text-slate-700">{explained.result.reason}</p>}
          {explained.stored !== explained.result.pass && (
            <p className="text-sm text-amber-800">
              Stored membership is still catching up with a recent change.
            </p>
          )}
          {explained.result.tree && (
            <ul className="mt-2 text-sm">
              <Node n={explained.result.tree} />
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
