// Company list: server-side name prefix search, filters and sort from the URL, keyset pages of 50.
import Link from "next/link";
import { getDb } from "@/db/client";
import { countCompanies, listCompanies } from "@/db/queries/companies";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { ButtonLink } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { ListFilters } from "@/components/records/list-controls";
import { ActiveBadge, MemberStatusBadge } from "@/components/records/format";
import { AppError } from "@/lib/core/errors";
import { pagerLinks, parseListParams, type SearchParams } from "@/lib/records/list-params";
import { isStaff } from "@/lib/records/page-guard";

export const metadata = { title: "Companies" };

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await isStaff("/companies"))) return null;
  const sp = await searchParams;
  const f = parseListParams(sp);
  const db = await getDb();
  const filter = { q: f.q, status: f.status, membershipTypeId: f.membershipTypeId, active: f.active };
  // The page, the total and the filter choices are independent reads: run them together.
  let problem: string | null = null;
  const [page, total, types] = await Promise.all([
    listCompanies(db, { ...filter, sort: f.sort, after: f.after, limit: 50 }).catch((e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      problem = "That page link is no longer valid. Start again from the first page.";
      return { rows: [], nextCursor: null };
    }),
    countCompanies(db, filter),
    listMembershipTypes(db, "company"),
  ]);
  const filtered = Boolean(f.q || f.status || f.membershipTypeId);
  return (
    <>
      <PageHeader
        title="Companies"
        description={`${total.toLocaleString("en")} matching`}
        actions={<ButtonLink href="/companies/new">Add company</ButtonLink>}
      />
      <ListFilters filters={f} membershipTypes={types} searchLabel="Search by name" />
      {problem && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {problem}
        </p>
      )}
      <AdminTable
        caption="Companies"
        rows={page.rows}
        rowKey={(c) => c.id}
        empty={{
          title: filtered ? "No companies match" : "No companies yet",
          children: filtered ? (
            "Try a shorter search or fewer filters."
          ) : (
            <Link href="/companies/new" className="text-brand-700 underline">
              Add the first company
            </Link>
          ),
        }}
        columns={[
          {
            header: "Name",
            cell: (c) => (
              <>
                <Link href={`/companies/${c.id}`} className="font-medium text-brand-700 underline">
                  {c.name}
                </Link>
                {c.signupProtected && (
                  <span className="ml-2">
                    <Badge tone="blue">Signup protected</Badge>
                  </span>
                )}
              </>
            ),
          },
          { header: "Domains", cell: (c) => c.emailDomains.join(", ") || "—" },
          { header: "People", cell: (c) => c.people },
          {
            header: "Membership",
            cell: (c) => (
              <>
                {c.membershipTypeName ?? "—"} <MemberStatusBadge status={c.memberStatus} />
              </>
            ),
          },
          { header: "Status", cell: (c) => <ActiveBadge active={c.active} /> },
        ]}
        pager={pagerLinks(sp, f.after, page.nextCursor)}
      />
    </>
  );
}
