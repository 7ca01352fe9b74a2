// The search + filter bar shared by the people and company lists (a plain GET form, so it works without
// JavaScript and keeps filters in the URL; the pager is the admin table's).
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { memberStatusLabels, memberStatuses } from "@/lib/schemas/member-status";

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
