// The member's own event registrations.
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/guards";
import { listOwnRegistrations } from "@/lib/portal/reads";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";

export const dynamic = "force-dynamic";
export const metadata = { title: "Events" };

const statusLabel = {
  registered: "Registered",
  waitlisted: "Waitlisted",
  cancelled: "Cancelled",
  attended: "Attended",
};
const when = (d: Date) =>
  d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function EventsPage() {
  const me = await requireMember("/compass/events");
  const regs = await listOwnRegistrations(await getDb(), me.personId);
  return (
    <>
      <PageHeader title="Events" description="Events you registered for." />
      {regs.length === 0 ? (
        <EmptyState title="No event registrations yet">
          Registrations made for you by staff appear here.
        </EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <caption className="sr-only">Your event registrations</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">
                Event
              </th>
              <th scope="col" className="px-4 py-2">
                When
              </th>
              <th scope="col" className="px-4 py-2">
                Where
              </th>
              <th scope="col" className="px-4 py-2">
                Registration
              </th>
            </tr>
          </thead>
          <tbody>
            {regs.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-4 py-2">
                  {r.eventName}
                  {r.eventStatus === "cancelled" && (
                    <span className="ml-2">
                      <Badge tone="red">Event cancelled</Badge>
                    </span>
                  )}
                </td>
                <td className="px-4 py-2">{when(r.startsAt)}</td>
                <td className="px-4 py-2">{r.location ?? "—"}</td>
                <td className="px-4 py-2">
                  <Badge tone={r.status === "cancelled" ? "slate" : "green"}>{statusLabel[r.status]}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
