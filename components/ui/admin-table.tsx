// The one staff list table: columns with a header and a cell renderer, an empty state in place of an
// empty table, and an optional keyset pager (plain links, so paging works without JavaScript).
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/page-header";

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The React key; needed only when the header is not a unique string. */
  key?: string;
  /** Numbers: right-aligned header and cells. */
  align?: "right";
  /** Extra classes on this column's cells (cell padding is set once, on the body). */
  className?: string;
};

/** Where the pager's links go; a missing link is not shown, and neither is a pager with none. */
export type PagerLinks = { label?: string; firstHref?: string | null; nextHref?: string | null };

export function AdminTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  pager,
}: {
  /** The table's accessible name (shown to screen readers only). */
  caption?: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: { title: string; children?: ReactNode };
  pager?: PagerLinks;
}) {
  const right = (c: Column<Row>) => (c.align === "right" ? "text-right" : "");
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title={empty.title}>{empty.children}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            {caption && <caption className="sr-only">{caption}</caption>}
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                {columns.map((c, i) => (
                  <th key={c.key ?? i} scope="col" className={`px-3 py-2 ${right(c)}`.trim()}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            {/* Cell padding is set once here, not on every cell: each class string on a row is sent twice
                (HTML and RSC payload) for each row of a 50-row page. */}
            <tbody className="divide-y divide-slate-100 [&_td]:px-3 [&_td]:py-2">
              {rows.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c, i) => (
                    <td key={c.key ?? i} className={`${right(c)} ${c.className ?? ""}`.trim() || undefined}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pager && <Pager {...pager} />}
    </>
  );
}

export function Pager({ label = "Pages", firstHref, nextHref }: PagerLinks) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex gap-2">
      {firstHref && (
        <Link href={firstHref} className={buttonClass("secondary")}>
          First page
        </Link>
      )}
      {nextHref && (
        <Link href={nextHref} className={buttonClass("secondary")}>
          Next page
        </Link>
      )}
    </nav>
  );
}
