// An event's page: details, registrations (add by search, change status, remove) and history.
import { notFound } from "next/navigation";
import Link from "next/link";
import { getDb } from "@/db/client";
import { getEvent } from "@/db/queries/events";
import { listPeople } from "@/db/queries/people";
import { listEventRegistrations } from "@/db/queries/registrations";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/page-header";
import { inputClass } from "@/components/ui/field";
import { Facts, formatDateTime } from "@/components/records/format";
import { HistoryList } from "@/components/records/history-list";
import { InlineAction } from "@/components/records/inline-action";
import { RegistrationRow } from "@/components/records/registration-row";
import { loadHistory } from "@/lib/records/history";
import { isStaff } from "@/lib/records/page-guard";
import { registerPersonAction, removeRegistrationAction, setRegistrationStatusAction } from "../actions";

export const metadata = { title: "Event" };

export default async function EventPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ find?: string }>;
}) {
  const { id } = await params;
  if (!(await isStaff(`/events/${id}`))) return null;
  const find = (await searchParams).find?.trim().slice(0, 100) ?? "";
  const db = await getDb();
  const event = await getEvent(db, id);
  if (!event) notFound();
  const [regs, history, found] = await Promise.all([
    listEventRegistrations(db, id),
    loadHistory(db, "event", id),
    find ? listPeople(db, { q: find, active: true, limit: 10 }) : null,
  ]);
  const registered = new Set(regs.map((r) => r.personId));
  const taken = regs.filter((r) => r.status === "registered" || r.status === "attended").length;
  return (
    <>
      <PageHeader
        title={event.name}
        description={formatDateTime(event.startsAt)}
        actions={
          <ButtonLink href={`/events/${id}/edit`} variant="secondary">
            Edit event
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <Card title="Details">
          <Facts
            items={[
              ["Status", <Badge key="s">{event.status}</Badge>],
              ["Starts", formatDateTime(event.startsAt)],
              ["Ends", formatDateTime(event.endsAt)],
              ["Location", event.location],
              ["Capacity", event.capacity ? `${taken} of ${event.capacity} places taken` : "No limit"],
              ["Description", event.description],
            ]}
          />
        </Card>
        <Card title={`Registrations (${regs.length})`}>
          <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-2">
            <div className="min-w-56 flex-1">
              <label htmlFor="find" className="block text-xs font-medium text-slate-700">
                Find a person to register (name or email)
              </label>
              <input id="find" name="find" type="search" defaultValue={find} className={inputClass} />
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Find
            </button>
          </form>
          {found && (
            <div className="mb-6">
              {found.rows.length === 0 ? (
                <p className="text-sm text-slate-600">No active people match “{find}”.</p>
              ) : (
                <ul aria-label="Matching people" className="divide-y divide-slate-100 text-sm">
                  {found.rows.map((p) => (
                    <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span>
                        {p.firstName} {p.lastName}{" "}
                        {p.email && <span className="text-slate-600">· {p.email}</span>}
                      </span>
                      {registered.has(p.id) ? (
                        <span className="text-xs text-slate-600">Already registered</span>
                      ) : (
                        <InlineAction
                          action={registerPersonAction.bind(null, id, p.id)}
                          label="Register"
                          ariaLabel={`Register ${p.firstName} ${p.lastName}`}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {regs.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody has registered yet.</p>
          ) : (
            <table className="min-w-full text-sm">
              <caption className="sr-only">Registrations</caption>
              <thead className="text-left text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    Person
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Registered
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Status
                  </th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {regs.map((r) => (
                  <RegistrationRow
                    key={r.id}
                    registration={r}
                    setStatus={setRegistrationStatusAction.bind(null, id, r.id)}
                    remove={removeRegistrationAction.bind(null, id, r.id)}
                  >
                    <Link href={`/people/${r.personId}`} className="text-brand-700 underline">
                      {r.firstName} {r.lastName}
                    </Link>
                  </RegistrationRow>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <HistoryList entries={history} />
      </div>
    </>
  );
}
