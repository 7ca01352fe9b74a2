"use client";
// The condition builder: nested all/any groups (optionally negated) of clauses; each clause picks a field
// (custom fields and their choices included), an operator fitting the field's type and a value. Problems
// are shown inline, worded by the same validator the server uses.
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { allFields, resolveField, type CustomFieldInfo } from "@/lib/groups/fields";
import { operators, operatorFor } from "@/lib/groups/operators";
import { leafProblem } from "@/lib/groups/schema";
import type { ConditionContext } from "@/lib/groups/types";
import { mapNode, newId, emptyGroup, type EGroup, type ELeaf, type ENode } from "./editor-model";
import { ValueInput, type PickerData } from "./value-input";

type Props = {
  root: EGroup;
  onChange: (root: EGroup) => void;
  custom: CustomFieldInfo[];
  data: PickerData;
  ctx: ConditionContext;
};

const sel = `${inputClass} w-auto`;

export function ConditionBuilder(props: Props) {
  const update = (id: string, f: (n: ENode) => ENode | null) =>
    props.onChange(mapNode(props.root, id, f) as EGroup);
  return <GroupEditor node={props.root} depth={0} update={update} {...props} />;
}

type Inner = Props & { update: (id: string, f: (n: ENode) => ENode | null) => void; depth: number };

function GroupEditor({ node, ...p }: Inner & { node: EGroup }) {
  const firstLeaf = (): ELeaf => ({
    id: newId(),
    kind: "leaf",
    field: "first_name",
    op: "eq",
    value: undefined,
  });
  const set = (patch: Partial<EGroup>) => p.update(node.id, (n) => ({ ...(n as EGroup), ...patch }));
  const label = p.depth === 0 ? "Conditions" : `Nested group ${p.depth}`;
  return (
    <fieldset
      className={`space-y-2 rounded-md border p-3 ${p.depth ? "border-slate-300 bg-slate-50" : "border-slate-200"}`}
    >
      <legend className="px-1 text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={node.negate} onChange={(e) => set({ negate: e.target.checked })} />
          None of (not)
        </label>
        <label htmlFor={`${node.id}-mode`}>Match</label>
        <select
          id={`${node.id}-mode`}
          className={sel}
          value={node.mode}
          onChange={(e) => set({ mode: e.target.value as "all" | "any" })}
        >
          <option value="all">all of these</option>
          <option value="any">any of these</option>
        </select>
      </div>
      {node.children.length === 0 && (
        <p className="text-sm text-slate-600">
          {p.depth === 0 ? "No conditions: every record of the chosen types." : "Empty group."}
        </p>
      )}
      <ul className="space-y-2">
        {node.children.map((c) => (
          <li key={c.id}>
            {c.kind === "group" ? (
              <GroupEditor {...p} node={c} depth={p.depth + 1} />
            ) : (
              <LeafEditor {...p} node={c} />
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => set({ children: [...node.children, firstLeaf()] })}>
          Add condition{p.depth ? ` to group ${p.depth}` : ""}
        </Button>
        {p.depth < 4 && (
          <Button
            variant="secondary"
            onClick={() => set({ children: [...node.children, emptyGroup("any")] })}
          >
            Add nested group
          </Button>
        )}
        {p.depth > 0 && (
          <Button variant="ghost" onClick={() => p.update(node.id, () => null)}>
            Remove group {p.depth}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

function LeafEditor({ node, ...p }: Inner & { node: ELeaf }) {
  const fields = allFields(p.custom);
  const field = resolveField(node.field, p.custom);
  const op = field ? operatorFor(field.kind, node.op) : null;
  const problem =
    node.value === undefined && op && op.value !== "none" ? "Enter a value" : leafProblem(node, p.ctx);
  const set = (patch: Partial<ELeaf>) => p.update(node.id, (n) => ({ ...(n as ELeaf), ...patch }));
  const label = field?.label ?? node.field;
  return (
    <div className="flex flex-wrap items-start gap-2 rounded-md bg-white p-2 ring-1 ring-slate-200">
      <select
        aria-label="Field"
        className={sel}
        value={node.field}
        onChange={(e) => {
          const f = resolveField(e.target.value, p.custom);
          set({ field: e.target.value, op: f ? Object.keys(operators[f.kind])[0] : "", value: undefined });
        }}
      >
        {!field && <option value={node.field}>{node.field} (unknown)</option>}
        {fields.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </select>
      {field && (
        <select
          aria-label={`${label} operator`}
          className={sel}
          value={node.op}
          onChange={(e) =>
            set({
              op: e.target.value,
              value: operatorFor(field.kind, e.target.value)?.value === op?.value ? node.value : undefined,
            })
          }
        >
          {!op && <option value={node.op}>{node.op} (unknown)</option>}
          {Object.entries(operators[field.kind]).map(([k, o]) => (
            <option key={k} value={k}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      {field && op && (
        <ValueInput
          id={`${node.id}-value`}
          shape={op.value}
          field={field}
          value={node.value}
          data={p.data}
          label={`${label} value`}
          invalid={Boolean(problem)}
          onChange={(v) => set({ value: v })}
        />
      )}
      <Button
        variant="ghost"
        aria-label={`Remove condition on ${label}`}
        onClick={() => p.update(node.id, () => null)}
      >
        Remove
      </Button>
      {problem && (
        <p role="alert" className="w-full text-xs text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
