// People list: server-side prefix search, filters and sort from the URL, keyset pages of 50.
import Link from "next/link";
import { getDb } from "@/db/client";
import { countPeopleUpTo, listPeople } from "@/db/queries/people";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { ListFilters, Pager } from "@/components/records/list-controls";
import { ActiveBadge, MemberStatusBadge } from "@/components/records/format";
import { isStaff } from "@/lib/records/page-guard";
import { AppError } from "@/lib/core/errors";
import { parseListParams, type SearchParams } from "@/lib/records/list-params";

export const metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await isStaff("/people"))) return null;
  const sp = await searchParams;
  const f = parseListParams(sp);
  const db = await getDb();
  const filter = { q: f.q, status: f.status, membershipTypeId: f.membershipTypeId, active: f.active };
  // The page, the total and the filter choices are independent reads: run them together. The total
  // stops at 1,000 ("1,000+"): an exact count of a broad filter would read every matching row.
  let problem: string | null = null;
  const [page, total, types] = await Promise.all([
    listPeople(db, { ...filter, sort: f.sort, after: f.after, limit: 50 }).catch((e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      problem = "That page link is no longer valid. Start again from the first page.";
      return { rows: [], nextCursor: null };
    }),
    countPeopleUpTo(db, filter, 1000),
    listMembershipTypes(db, "person"),
  ]);
  return (
    <>
      <PageHeader
        title="People"
        description={`${total.n.toLocaleString("en")}${total.more ? "+" : ""} matching`}
        actions={<ButtonLink href="/people/new">Add person</ButtonLink>}
      />
      <ListFilters filters={f} membershipTypes={types} searchLabel="Search by name or email" />
      {problem && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {problem}
        </p>
      )}
      {page.rows.length === 0 ? (
        <EmptyState title={f.q || f.status || f.membershipTypeId ? "No people match" : "No people yet"}>
          {f.q || f.status || f.membershipTypeId ? (
            "Try a shorter search or fewer filters."
          ) : (
            <Link href="/people/new" className="text-brand-700 underline">
              Add the first person
            </Link>
          )}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">People</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Email
                </th>
                <th scope="col" className="px-3 py-2">
                  Company
                </th>
                <th scope="col" className="px-3 py-2">
                  Membership
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
              </tr>
            </thead>
            {/* Cell padding is set once here, not on each of the 250 cells: every class string on a row
                is sent twice (HTML and RSC payload) for each of the 50 rows. */}
            <tbody className="divide-y divide-slate-100 [&_td]:px-3 [&_td]:py-2">
              {page.rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    {/* No prefetch: 50 visible rows would each ask the server to render a person page. */}
                    <Link
                      href={`/people/${p.id}`}
                      prefetch={false}
                      className="font-medium text-brand-700 underline"
                    >
                      {`${p.lastName}, ${p.firstName}`}
                    </Link>
                    {p.approvalStatus === "pending_approval" && (
                      <span className="ml-2 text-xs text-amber-800">(pending approval)</span>
                    )}
                  </td>
                  <td>{p.email ?? "—"}</td>
                  <td>{p.companyName ?? "—"}</td>
                  <td>
                    {p.membershipTypeName ?? "—"} <MemberStatusBadge status={p.memberStatus} />
                  </td>
                  <td>
                    <ActiveBadge active={p.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager sp={sp} nextCursor={page.nextCursor} isFirst={!f.after} />
    </>
  );
}
