// Company list: server-side name prefix search, filters and sort from the URL, keyset pages of 50.
import Link from "next/link";
import { getDb } from "@/db/client";
import { countCompanies, listCompanies } from "@/db/queries/companies";
import { listMembershipTypes } from "@/db/queries/membership-types";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { ListFilters, Pager } from "@/components/records/list-controls";
import { ActiveBadge, MemberStatusBadge } from "@/components/records/format";
import { AppError } from "@/lib/core/errors";
import { parseListParams, type SearchParams } from "@/lib/records/list-params";
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
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? "No companies match" : "No companies yet"}>
          {filtered ? (
            "Try a shorter search or fewer filters."
          ) : (
            <Link href="/companies/new" className="text-brand-700 underline">
              Add the first company
            </Link>
          )}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Companies</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Domains
                </th>
                <th scope="col" className="px-3 py-2">
                  People
                </th>
                <th scope="col" className="px-3 py-2">
                  Membership
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-3 py-2">
                    <Link href={`/companies/${c.id}`} className="font-medium text-brand-700 underline">
                      {c.name}
                    </Link>
                    {c.signupProtected && (
                      <span className="ml-2">
                        <Badge tone="blue">Signup protected</Badge>
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">{c.emailDomains.join(", ") || "—"}</td>
                  <td className="px-3 py-2">{c.people}</td>
                  <td className="px-3 py-2">
                    {c.membershipTypeName ?? "—"} <MemberStatusBadge status={c.memberStatus} />
                  </td>
                  <td className="px-3 py-2">
                    <ActiveBadge active={c.active} />
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
