// Events: upcoming (soonest first) or past (latest first), with registration counts.
import Link from "next/link";
import { getDb } from "@/db/client";
import { listEvents } from "@/db/queries/events";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { AdminTable } from "@/components/ui/admin-table";
import { Badge, PageHeader } from "@/components/ui/page-header";
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
      <AdminTable
        caption={when === "past" ? "Past events" : "Upcoming events"}
        rows={events}
        rowKey={(e) => e.id}
        empty={{
          title: when === "past" ? "No past events" : "No upcoming events",
          children: (
            <Link href="/events/new" className="text-brand-700 underline">
              Add an event
            </Link>
          ),
        }}
        columns={[
          {
            header: "Event",
            cell: (e) => (
              <Link href={`/events/${e.id}`} className="font-medium text-brand-700 underline">
                {e.name}
              </Link>
            ),
          },
          { header: "Starts", cell: (e) => formatDateTime(e.startsAt) },
          { header: "Location", cell: (e) => e.location ?? "—" },
          {
            header: "Registered",
            cell: (e) => (
              <>
                {e.registered}
                {e.capacity ? ` / ${e.capacity}` : ""}
                {e.waitlisted > 0 && ` (+${e.waitlisted} waitlisted)`}
              </>
            ),
          },
          {
            header: "Status",
            cell: (e) => (
              <Badge tone={e.status === "published" ? "green" : e.status === "cancelled" ? "red" : "slate"}>
                {e.status}
              </Badge>
            ),
          },
        ]}
      />
    </>
  );
}
