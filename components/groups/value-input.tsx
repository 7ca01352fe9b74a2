"use client";
// The value control for one clause, shaped by its operator (text, number, dates, days, choices, event, group).
import { inputClass } from "@/components/ui/field";
import type { ResolvedField } from "@/lib/groups/fields";
import type { ValueShape } from "@/lib/groups/operators";

export type PickerData = {
  membershipTypes: { id: string; name: string }[];
  events: { id: string; name: string }[];
  groups: { id: string; name: string }[];
  registrationStatuses: readonly string[];
};

const small = `${inputClass} max-w-[14rem]`;

export function ValueInput({
  id,
  shape,
  field,
  value,
  onChange,
  data,
  label,
  invalid,
}: {
  id: string;
  shape: ValueShape;
  field: ResolvedField;
  value: unknown;
  onChange: (v: unknown) => void;
  data: PickerData;
  label: string;
  invalid: boolean;
}) {
  const common = { id, "aria-label": label, "aria-invalid": invalid || undefined };
  const num = (s: string) => (s.trim() === "" || Number.isNaN(Number(s)) ? undefined : Number(s));
  const pair = Array.isArray(value) ? value : [];
  switch (shape) {
    case "none":
      return null;
    case "string":
      return (
        <input
          {...common}
          className={small}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    case "number":
    case "days":
      return (
        <input
          {...common}
          type="number"
          className={small}
          value={value === undefined ? "" : String(value)}
          onChange={(e) => onChange(num(e.target.value))}
        />
      );
    case "date":
      return (
        <input
          {...common}
          type="date"
          className={small}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value || undefined)}
        />
      );
    case "number_pair":
    case "date_pair": {
      const type = shape === "date_pair" ? "date" : "number";
      const conv = (s: string) => (type === "number" ? num(s) : s || undefined);
      return (
        <span className="flex items-center gap-1">
          <input
            {...common}
            aria-label={`${label} from`}
            type={type}
            className={small}
            value={String(pair[0] ?? "")}
            onChange={(e) => onChange([conv(e.target.value), pair[1]])}
          />
          <span>and</span>
          <input
            id={`${id}-to`}
            aria-label={`${label} to`}
            type={type}
            className={small}
            value={String(pair[1] ?? "")}
            onChange={(e) => onChange([pair[0], conv(e.target.value)])}
          />
        </span>
      );
    }
    case "string_list": {
      const options =
        field.choicesFrom === "membership_types"
          ? data.membershipTypes.map((m) => ({ value: m.id, label: m.name }))
          : (field.choices ?? []);
      const selected = Array.isArray(value) ? (value as string[]) : [];
      return (
        <select
          {...common}
          multiple
          className={small}
          value={selected}
          onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    case "event": {
      const v = (value ?? {}) as { eventId?: string; statuses?: string[] };
      return (
        <span className="flex flex-wrap items-center gap-1">
          <select
            {...common}
            className={small}
            value={v.eventId ?? ""}
            onChange={(e) => onChange({ ...v, eventId: e.target.value || undefined })}
          >
            <option value="">Choose an event…</option>
            {data.events.map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.name}
              </option>
            ))}
          </select>
          <select
            id={`${id}-statuses`}
            aria-label={`${label}: with status`}
            multiple
            className={small}
            value={v.statuses ?? []}
            onChange={(e) => {
              const s = Array.from(e.target.selectedOptions, (o) => o.value);
              onChange({ eventId: v.eventId, ...(s.length ? { statuses: s } : {}) });
            }}
          >
            {data.registrationStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </span>
      );
    }
    case "group":
      return (
        <select
          {...common}
          className={small}
          value={String(value ?? "")}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
          <option value="">Choose a group…</option>
          {data.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      );
  }
}
