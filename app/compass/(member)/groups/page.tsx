// The member's own groups that staff show to members, and whether they are in each synced community.
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/guards";
import { listMyGroups, type CommunityStatus } from "@/lib/portal/my-groups";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";
export const metadata = { title: "My groups" };

const tone = (s: CommunityStatus) => (s === "in" ? "green" : s === "pending" ? "amber" : "slate");

export default async function MyGroupsPage() {
  const me = await requireMember("/compass/groups");
  const groups = await listMyGroups(await getDb(), me.personId);
  return (
    <>
      <PageHeader
        title="My groups"
        description="Groups you belong to, and the online communities they give you access to."
      />
      {groups.length === 0 ? (
        <EmptyState title="You are not in any group shown to members yet">
          Staff choose which groups appear here.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Your groups">
          {groups.map((g) => (
            <li key={g.id}>
              <section
                aria-labelledby={`group-${g.id}`}
                className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              >
                <h2 id={`group-${g.id}`} className="text-base font-semibold text-slate-900">
                  {g.name}
                </h2>
                {g.description && (
                  <p className="mt-1 text-sm text-slate-700 [overflow-wrap:anywhere]">{g.description}</p>
                )}
                {g.communities.length > 0 && (
                  <>
                    <h3 className="mt-4 text-sm font-medium text-slate-700">Communities</h3>
                    <ul className="mt-2 divide-y divide-slate-100 text-sm">
                      {g.communities.map((c) => (
                        <li key={c.vendor} className="py-2" data-testid={`community-${g.id}-${c.vendor}`}>
                          <p className="flex flex-wrap items-center gap-2">
                            <span className="font-medium">
                              {c.platform}
                              {c.community && `: ${c.community}`}
                            </span>
                            <Badge tone={tone(c.status)}>{c.statusLabel}</Badge>
                          </p>
                          {c.explanation && <p className="mt-1 text-slate-600">{c.explanation}</p>}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </section>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
