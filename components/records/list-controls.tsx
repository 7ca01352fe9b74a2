// The search + filter bar and the keyset pager shared by the people and company lists (plain GET
// forms and links, so they work without JavaScript and keep filters in the URL).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { memberStatusLabels, memberStatuses } from "@/lib/schemas/member-status";
import { withParams, type SearchParams } from "@/lib/records/list-params";

type Filters = {
  q?: string;
  status?: string;
  membershipTypeId?: string;
  activeParam: string;
  sort: string;
};

export function ListFilters({
  filters,
  membershipTypes,
  searchLabel,
}: {
  filters: Filters;
  membershipTypes: { id: string; name: string }[];
  searchLabel: string;
}) {
  const select = (id: string, label: string, children: React.ReactNode, value?: string) => (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ""} className={inputClass}>
        {children}
      </select>
    </div>
  );
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-56 flex-1">
        <label htmlFor="q" className="block text-xs font-medium text-slate-700">
          {searchLabel}
        </label>
        <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className={inputClass} />
      </div>
      {select(
        "status",
        "Member status",
        <>
          <option value="">Any status</option>
          {memberStatuses.map((s) => (
            <option key={s} value={s}>
              {memberStatusLabels[s]}
            </option>
          ))}
        </>,
        filters.status,
      )}
      {select(
        "type",
        "Membership type",
        <>
          <option value="">Any type</option>
          {membershipTypes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </>,
        filters.membershipTypeId,
      )}
      {select(
        "active",
        "Active",
        <>
          <option value="yes">Active only</option>
          <option value="no">Deactivated only</option>
          <option value="all">Active and deactivated</option>
        </>,
        filters.activeParam,
      )}
      {select(
        "sort",
        "Sort by",
        <>
          <option value="name">Name</option>
          <option value="updated">Recently updated</option>
        </>,
        filters.sort,
      )}
      <button type="submit" className={buttonClass("primary")}>
        Search
      </button>
    </form>
  );
}

export function Pager({
  sp,
  nextCursor,
  isFirst,
}: {
  sp: SearchParams;
  nextCursor: string | null;
  isFirst: boolean;
}) {
  if (isFirst && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-2">
      {!isFirst && (
        <Link href={withParams(sp, { after: undefined })} className={buttonClass("secondary")}>
          First page
        </Link>
      )}
      {nextCursor && (
        <Link href={withParams(sp, { after: nextCursor })} className={buttonClass("secondary")}>
          Next page
        </Link>
      )}
    </nav>
  );
}
