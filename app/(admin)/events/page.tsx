// Events: upcoming (soonest first) or past (latest first), with registration counts.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listEvents } from "@/db/queries/events";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/components/records/format";
import { isStaff } from "@/lib/records/page-guard";

export const metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ when?: string }> }) {
  if (!(await isStaff("/events"))) return null;
  const when = (await searchParams).when === "past" ? "past" : "upcoming";
  const events = await listEvents(await getDb(), { when });
  return (
    <>
      <PageHeader title="Events" actions={<ButtonLink href="/events/new">Add event</ButtonLink>} />
      <nav aria-label="Which events" className="mb-4 flex gap-2">
        <Link
          href="/events"
          aria-current={when === "upcoming" ? "page" : undefined}
          className={buttonClass(when === "upcoming" ? "primary" : "secondary")}
        >
          Upcoming
        </Link>
        <Link
          href="/events?when=past"
          aria-current={when === "past" ? "page" : undefined}
          className={buttonClass(when === "past" ? "primary" : "secondary")}
        >
          Past
        </Link>
      </nav>
      {events.length === 0 ? (
        <EmptyState title={when === "past" ? "No past events" : "No upcoming events"}>
          <Link href="/events/new" className="text-brand-700 underline">
            Add an event
          </Link>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{when === "past" ? "Past events" : "Upcoming events"}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Event
                </th>
                <th scope="col" className="px-3 py-2">
                  Starts
                </th>
                <th scope="col" className="px-3 py-2">
                  Location
                </th>
                <th scope="col" className="px-3 py-2">
                  Registered
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="px-3 py-2">
                    <Link href={`/events/${e.id}`} className="font-medium text-brand-700 underline">
                      {e.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{formatDateTime(e.startsAt)}</td>
                  <td className="px-3 py-2">{e.location ?? "—"}</td>
                  <td className="px-3 py-2">
                    {e.registered}
                    {e.capacity ? ` / ${e.capacity}` : ""}
                    {e.waitlisted > 0 && ` (+${e.waitlisted} waitlisted)`}
                  </td>
                  <td className="px-3 py-2">
                    <Badge
                      tone={e.status === "published" ? "green" : e.status === "cancelled" ? "red" : "slate"}
                    >
                      {e.status}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
