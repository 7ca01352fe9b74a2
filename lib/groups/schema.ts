// One zod schema for a condition tree: structure first, then (with the context) every field, operator
// and value, each issue naming the clause path and the offending field or operator.
import { z } from "zod";
import { registrationStatuses } from "@/lib/schemas/events";
import { isUuid } from "@/lib/core/ids";
import { memberStatuses } from "@/lib/schemas/member-status";
import { hasNul, isCalendarDate, isStorableNumber } from "@/lib/schemas/typed-values";
import { resolveField, type ResolvedField } from "./fields";
import { operatorFor, type ValueShape } from "./operators";
import { isLeaf, type Condition, type ConditionContext, type Leaf } from "./types";

const MAX_NODES = 200;
const MAX_DEPTH = 10;

export const conditionShape: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionShape).max(100) }),
    z.strictObject({ any: z.array(conditionShape).max(100) }),
    z.strictObject({ not: conditionShape }),
    z.strictObject({
      field: z.string().min(1).max(200),
      op: z.string().min(1).max(50),
      value: z.unknown().optional(),
    }),
  ]),
) as z.ZodType<Condition>;

function valueProblem(
  shape: ValueShape,
  v: unknown,
  field: ResolvedField,
  ctx: ConditionContext,
): string | null {
  const num = isStorableNumber;
  switch (shape) {
    case "none":
      return v === undefined || v === null ? null : "takes no value";
    case "string":
      return typeof v === "string" && v.length > 0 && v.length <= 500 && !hasNul(v)
        ? null
        : "needs a text value (no NUL characters)";
    case "number":
      return num(v) ? null : "needs a number";
    case "number_pair":
      return Array.isArray(v) && v.length === 2 && num(v[0]) && num(v[1]) && v[0] <= v[1]
        ? null
        : "needs two numbers, lowest first";
    case "date":
      return isCalendarDate(v) ? null : "needs a date like 2026-12-31";
    case "date_pair":
      return Array.isArray(v) &&
        v.length === 2 &&
        isCalendarDate(v[0]) &&
        isCalendarDate(v[1]) &&
        v[0] <= v[1]
        ? null
        : "needs two dates, earliest first";
    case "days":
      return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 36500
        ? null
        : "needs a whole number of days";
    case "string_list": {
      if (!Array.isArray(v) || v.length === 0 || v.length > 100 || !v.every((x) => typeof x === "string"))
        return "needs a list of one or more values";
      const allowed = field.choices?.map((c) => c.value);
      if (allowed) {
        const bad = v.filter((x) => !allowed.includes(x));
        if (bad.length)
          return `has unknown choice ${bad.join(", ")} (expected any of: ${allowed.join(", ")})`;
      }
      if (field.choicesFrom === "membership_types") {
        const bad = v.filter((x) => !isUuid(x) || (ctx.membershipTypeIds && !ctx.membershipTypeIds.has(x)));
        if (bad.length) return `has unknown membership type ${bad.join(", ")}`;
      }
      return null;
    }
    case "event": {
      const e = v as { eventId?: unknown; statuses?: unknown } | null;
      if (!e || typeof e !== "object" || typeof e.eventId !== "string" || !isUuid(e.eventId))
        return "needs an event";
      const keys = Object.keys(e).filter((k) => k !== "eventId" && k !== "statuses");
      if (keys.length) return `has unknown key ${keys.join(", ")}`;
      if (e.statuses === undefined) return null;
      const ok =
        Array.isArray(e.statuses) &&
        e.statuses.length > 0 &&
        e.statuses.every((s) => (registrationStatuses as readonly string[]).includes(s));
      return ok ? null : `statuses must be any of: ${registrationStatuses.join(", ")}`;
    }
    case "group":
      if (typeof v !== "string" || !isUuid(v)) return "needs a group";
      return ctx.groups.has(v) ? null : `refers to group ${v}, which does not exist`;
  }
}

export type ConditionIssue = { path: (string | number)[]; message: string };

/** Every problem in a leaf (unknown field, operator not fitting the field's type, bad value). */
export function leafProblem(leaf: Leaf, ctx: ConditionContext): string | null {
  const field = resolveField(leaf.field, ctx.custom);
  if (!field) return `unknown field "${leaf.field}"`;
  const op = operatorFor(field.kind, leaf.op);
  if (!op) return `operator "${leaf.op}" does not apply to ${field.label} (a ${field.kind} field)`;
  const p = valueProblem(op.value, leaf.value, field, ctx);
  return p ? `${field.label} ${op.label}: value ${p}` : null;
}

export function checkTree(tree: Condition, ctx: ConditionContext): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  let nodes = 0;
  const walk = (c: Condition, path: (string | number)[]) => {
    nodes++;
    if (nodes === MAX_NODES + 1) issues.push({ path, message: `more than ${MAX_NODES} clauses` });
    if (nodes > MAX_NODES) return;
    if (path.length > MAX_DEPTH * 2)
      return void issues.push({ path, message: `nested deeper than ${MAX_DEPTH} levels` });
    if (isLeaf(c)) {
      const p = leafProblem(c, ctx);
      if (p) issues.push({ path, message: p });
    } else if ("all" in c) c.all.forEach((x, i) => walk(x, [...path, "all", i]));
    else if ("any" in c) c.any.forEach((x, i) => walk(x, [...path, "any", i]));
    else walk(c.not, [...path, "not"]);
  };
  walk(tree, []);
  return issues;
}

/** The write-time schema: structure plus every field, operator and value against the context. */
export function conditionsSchema(ctx: ConditionContext) {
  return conditionShape.superRefine((tree, zctx) => {
    for (const i of checkTree(tree, ctx)) zctx.addIssue({ code: "custom", message: i.message, path: i.path });
  });
}

/** Parses untrusted JSON into a tree, or null when it is not a valid tree (callers fail closed). */
export function parseTree(raw: unknown, ctx: ConditionContext): Condition | null {
  const r = conditionShape.safeParse(raw);
  if (!r.success) return null;
  return checkTree(r.data, ctx).length ? null : r.data;
}

/** Group ids a tree refers to through "member of". */
export function referencedGroups(tree: unknown): string[] {
  const out = new Set<string>();
  const walk = (c: unknown) => {
    if (!c || typeof c !== "object") return;
    const o = c as Record<string, unknown>;
    if (Array.isArray(o.all)) o.all.forEach(walk);
    if (Array.isArray(o.any)) o.any.forEach(walk);
    if (o.not) walk(o.not);
    if (o.field === "group" && typeof o.value === "string") out.add(o.value);
  };
  walk(tree);
  return [...out];
}

export { memberStatuses };
