// One registration on an event page: change its status, or remove it (with confirmation). The page
// passes both server actions, already bound to this registration.
import type { ReactNode } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/field";
import { registrationStatuses } from "@/lib/schemas/events";
import { formatDateTime } from "./format";
import type { FormAction } from "./form-kit";
import { InlineAction } from "./inline-action";

export function RegistrationRow({
  registration: r,
  setStatus,
  remove,
  children,
}: {
  registration: { id: string; firstName: string; lastName: string; status: string; registeredAt: Date };
  setStatus: FormAction;
  remove: () => Promise<string | void>;
  children: ReactNode;
}) {
  const name = `${r.firstName} ${r.lastName}`;
  const selectId = `status-${r.id}`;
  return (
    <tr>
      <td className="py-2 pr-3">{children}</td>
      <td className="py-2 pr-3">{formatDateTime(r.registeredAt)}</td>
      <td className="py-2 pr-3">
        <InlineAction action={setStatus} label="Update" ariaLabel={`Update status for ${name}`}>
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
          action={remove}
        />
      </td>
    </tr>
  );
}
