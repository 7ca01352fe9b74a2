// One registration on an event page: change its status, or remove it (with confirmation).
import type { ReactNode } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/field";
import { registrationStatuses } from "@/db/schema";
import { removeRegistrationAction, setRegistrationStatusAction } from "@/app/(admin)/events/actions";
import { formatDateTime } from "./format";
import { InlineAction } from "./inline-action";

export function RegistrationRow({
  eventId,
  registration: r,
  children,
}: {
  eventId: string;
  registration: { id: string; firstName: string; lastName: string; status: string; registeredAt: Date };
  children: ReactNode;
}) {
  const name = `${r.firstName} ${r.lastName}`;
  const selectId = `status-${r.id}`;
  return (
    <tr>
      <td className="py-2 pr-3">{children}</td>
      <td className="py-2 pr-3">{formatDateTime(r.registeredAt)}</td>
      <td className="py-2 pr-3">
        <InlineAction
          action={setRegistrationStatusAction.bind(null, eventId, r.id)}
          label="Update"
          ariaLabel={`Update status for ${name}`}
        >
          <label htmlFor={selectId} className="sr-only">
            Status for {name}
          </label>
          <select id={selectId} name="status" defaultValue={r.status} className={`${inputClass} w-auto`}>
            {registrationStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </InlineAction>
      </td>
      <td className="py-2">
        <ConfirmButton
          label="Remove"
          title={`Remove ${name}'s registration?`}
          body="The registration is deleted; the change is kept in the event's history."
          confirmLabel="Remove registration"
          action={removeRegistrationAction.bind(null, eventId, r.id)}
        />
      </td>
    </tr>
  );
}
