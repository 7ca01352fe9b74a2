"use client";
// Details tab: name, description, visible to members, record types, conditions (builder) or hand-picked
// records, live count.
import { useActionState, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextArea, TextInput } from "@/components/ui/field";
import { CheckF } from "@/components/records/form-kit";
import type { CustomFieldInfo } from "@/lib/groups/fields";
import { checkTree } from "@/lib/groups/schema";
import type { Condition, ConditionContext, GroupDef } from "@/lib/groups/types";
import type { FormState } from "@/lib/schemas/form-state";
import { ConditionBuilder } from "./condition-builder";
import { fromTree, toConditions, type EGroup } from "./editor-model";
import { LiveCount } from "./live-count";
import type { PickerData } from "./value-input";

export type GroupFormProps = {
  group?: {
    id: string;
    name: string;
    description: string;
    recordTypes: string;
    mode: string;
    conditions: unknown;
    visibleToMembers: boolean;
    version: number;
  };
  specificIds: string[];
  custom: CustomFieldInfo[];
  data: PickerData;
  today: string;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
};

export function GroupForm({ group, specificIds, custom, data, today, action }: GroupFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const [recordTypes, setRecordTypes] = useState(group?.recordTypes ?? "people");
  const [mode, setMode] = useState(group?.mode ?? "conditions");
  const [root, setRoot] = useState<EGroup>(() => fromTree(group?.conditions as Condition | null));
  const [specific, setSpecific] = useState(specificIds.join("\n"));
  const ctx: ConditionContext = useMemo(
    () => ({
      custom,
      membershipTypeIds: new Set(data.membershipTypes.map((m) => m.id)),
      groups: new Map(
        data.groups.map((g) => [
          g.id,
          { ...g, recordTypes: "both", mode: "conditions", conditions: null } as GroupDef,
        ]),
      ),
      today,
    }),
    [custom, data, today],
  );
  const conditions = mode === "conditions" ? toConditions(root) : null;
  const valid = conditions === null || checkTree(conditions, ctx).length === 0;
  const ids = specific.split(/[\s,]+/).filter(Boolean);
  const err = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {group && <input type="hidden" name="id" value={group.id} />}
      {group && <input type="hidden" name="version" value={group.version} />}
      <input type="hidden" name="conditions" value={JSON.stringify(conditions)} />
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      {state.notice && (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
          {state.notice}
        </p>
      )}
      <Field id="name" label="Name" error={err.name}>
        <TextInput id="name" name="name" defaultValue={group?.name} required error={err.name} />
      </Field>
      <Field id="description" label="Description" error={err.description}>
        <TextArea id="description" name="description" defaultValue={group?.description} rows={2} />
      </Field>
      <CheckF
        name="visibleToMembers"
        label="Visible to members"
        hint="Members of this group will see its name and description on their portal (My groups)."
        defaultChecked={group?.visibleToMembers ?? false}
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Record types</legend>
        <div className="mt-1 flex gap-4 text-sm">
          {(["people", "companies", "both"] as const).map((t) => (
            <label key={t} className="flex items-center gap-1">
              <input
                type="radio"
                name="recordTypes"
                value={t}
                checked={recordTypes === t}
                onChange={() => setRecordTypes(t)}
              />
              {t === "both" ? "People and companies" : t[0].toUpperCase() + t.slice(1)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Members are</legend>
        <div className="mt-1 flex gap-4 text-sm">
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="mode"
              value="conditions"
              checked={mode === "conditions"}
              onChange={() => setMode("conditions")}
            />
            Defined by conditions
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="mode"
              value="specific"
              checked={mode === "specific"}
              onChange={() => setMode("specific")}
            />
            Specific records (hand-picked)
          </label>
        </div>
      </fieldset>
      {mode === "conditions" ? (
        <>
          <ConditionBuilder root={root} onChange={setRoot} custom={custom} data={data} ctx={ctx} />
          {err.conditions && (
            <p role="alert" className="text-sm text-red-700">
              {err.conditions}
            </p>
          )}
        </>
      ) : (
        <Field
          id="specific"
          label="Record ids (people or companies), one per line"
          error={err.specificRecords}
        >
          <TextArea
            id="specific"
            name="specific"
            value={specific}
            onChange={(e) => setSpecific(e.target.value)}
            rows={5}
          />
        </Field>
      )}
      <LiveCount
        valid={valid}
        draft={{ id: group?.id, recordTypes, mode, conditions, specificIds: mode === "specific" ? ids : [] }}
      />
      <Button type="submit" disabled={pending || !valid}>
        {pending ? "Saving…" : group ? "Save group" : "Create group"}
      </Button>
    </form>
  );
}
