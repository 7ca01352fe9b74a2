// People list: server-side prefix search, filters and sort from the URL, keyset pages of 50.
import Link from "next/link";
import { getDb } from "@/db/client";
import { countPeopleUpTo, listPeople } from "@/db/queries/people";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { ButtonLink } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { PageHeader } from "@/components/ui/page-header";
import { ListFilters } from "@/components/records/list-controls";
import { ActiveBadge, MemberStatusBadge } from "@/components/records/format";
import { isStaff } from "@/lib/records/page-guard";
import { AppError } from "@/lib/core/errors";
import { pagerLinks, parseListParams, type SearchParams } from "@/lib/records/list-params";

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
  const filtered = Boolean(f.q || f.status || f.membershipTypeId);
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
      <AdminTable
        caption="People"
        rows={page.rows}
        rowKey={(p) => p.id}
        empty={{
          title: filtered ? "No people match" : "No people yet",
          children: filtered ? (
            "Try a shorter search or fewer filters."
          ) : (
            <Link href="/people/new" className="text-brand-700 underline">
              Add the first person
            </Link>
          ),
        }}
        columns={[
          {
            header: "Name",
            cell: (p) => (
              <>
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
              </>
            ),
          },
          { header: "Email", cell: (p) => p.email ?? "—" },
          { header: "Company", cell: (p) => p.companyName ?? "—" },
          {
            header: "Membership",
            cell: (p) => (
              <>
                {p.membershipTypeName ?? "—"} <MemberStatusBadge status={p.memberStatus} />
              </>
            ),
          },
          { header: "Status", cell: (p) => <ActiveBadge active={p.active} /> },
        ]}
        pager={pagerLinks(sp, f.after, page.nextCursor)}
      />
    </>
  );
}
