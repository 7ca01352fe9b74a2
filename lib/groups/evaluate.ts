// THE evaluator: decides one in-memory record, with the same semantics as compile.ts (property-tested
// against it on both databases). Unknown fields or operators fail closed: the group matches nobody.
import { leafPasses, valueOf, type EvalRecord } from "./evaluate-leaf";
import { resolveField } from "./fields";
import { operatorFor } from "./operators";
import { parseTree } from "./schema";
import { isLeaf, typesInclude, type Condition, type ConditionContext, type GroupDef } from "./types";

export { addDays, type CompanyFacts, type EvalRecord, type PersonFacts } from "./evaluate-leaf";

export type ExplainNode = {
  kind: "all" | "any" | "not" | "leaf";
  pass: boolean;
  /** For leaves: the field and operator labels, the value tested and the record's value. */
  field?: string;
  op?: string;
  value?: unknown;
  actual?: unknown;
  note?: string;
  children?: ExplainNode[];
};

export function explainNode(
  c: Condition,
  rec: EvalRecord,
  ctx: ConditionContext,
  visiting: Set<string>,
): ExplainNode {
  if (isLeaf(c)) {
    const f = resolveField(c.field, ctx.custom);
    const op = f && operatorFor(f.kind, c.op);
    if (!f || !op)
      return { kind: "leaf", pass: false, field: c.field, op: c.op, note: "unknown field or operator" };
    const base = { kind: "leaf" as const, field: f.label, op: op.label, value: c.value };
    if (f.scope === "person" && rec.type === "company")
      return { ...base, pass: false, note: "applies to people only" };
    if (f.scope === "company" && rec.type === "person" && !rec.person.company)
      return { ...base, pass: false, note: "no company" };
    const raw = valueOf(f, rec, ctx);
    const actual = f.kind === "event" || f.kind === "group" ? undefined : (raw ?? null);
    return { ...base, actual, pass: leafPasses(c, f, raw, ctx, (g) => recordInGroup(g, rec, ctx, visiting)) };
  }
  if ("all" in c) {
    const children = c.all.map((x) => explainNode(x, rec, ctx, visiting));
    return { kind: "all", pass: children.every((x) => x.pass), children };
  }
  if ("any" in c) {
    const children = c.any.map((x) => explainNode(x, rec, ctx, visiting));
    return { kind: "any", pass: children.some((x) => x.pass), children };
  }
  const inner = explainNode(c.not, rec, ctx, visiting);
  return { kind: "not", pass: !inner.pass, children: [inner] };
}

export type GroupExplanation = { pass: boolean; reason?: string; tree?: ExplainNode };

export function explainGroup(
  g: Pick<GroupDef, "id" | "recordTypes" | "mode" | "conditions">,
  rec: EvalRecord,
  ctx: ConditionContext,
  visiting: Set<string> = new Set(),
): GroupExplanation {
  const id = rec.type === "person" ? rec.person.id : rec.company.id;
  if (!typesInclude(g.recordTypes, rec.type))
    return {
      pass: false,
      reason: `the group does not hold ${rec.type === "person" ? "people" : "companies"}`,
    };
  if (visiting.has(g.id)) return { pass: false, reason: "group references form a cycle" };
  if (g.mode === "specific") {
    const pass = ctx.specific?.get(g.id)?.has(`${rec.type}:${id}`) ?? false;
    return { pass, reason: pass ? "hand-picked for this group" : "not on the group's hand-picked list" };
  }
  if (g.conditions === null || g.conditions === undefined)
    return { pass: true, reason: "no conditions: every record of its types" };
  const tree = parseTree(g.conditions, ctx);
  if (!tree) return { pass: false, reason: "the conditions are invalid, so the group matches nobody" };
  const node = explainNode(tree, rec, ctx, new Set([...visiting, g.id]));
  return { pass: node.pass, tree: node };
}

export function recordInGroup(
  g: Pick<GroupDef, "id" | "recordTypes" | "mode" | "conditions">,
  rec: EvalRecord,
  ctx: ConditionContext,
  visiting: Set<string> = new Set(),
): boolean {
  return explainGroup(g, rec, ctx, visiting).pass;
}
