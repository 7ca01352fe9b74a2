// The condition builder's editing model: a tree with stable ids, converted to and from the stored JSON.
import { isLeaf, type Condition } from "@/lib/groups/types";

export type EGroup = { id: string; kind: "group"; mode: "all" | "any"; negate: boolean; children: ENode[] };
export type ELeaf = { id: string; kind: "leaf"; field: string; op: string; value?: unknown };
export type ENode = EGroup | ELeaf;

let seq = 0;
export const newId = () => `n${++seq}`;
export const emptyGroup = (mode: "all" | "any" = "all"): EGroup => ({
  id: newId(),
  kind: "group",
  mode,
  negate: false,
  children: [],
});

export function fromTree(c: Condition | null | undefined): EGroup {
  if (!c) return emptyGroup();
  const node = toNode(c);
  return node.kind === "group" ? node : { ...emptyGroup(), children: [node] };
}

function toNode(c: Condition): ENode {
  if (isLeaf(c)) return { id: newId(), kind: "leaf", field: c.field, op: c.op, value: c.value };
  if ("all" in c)
    return { id: newId(), kind: "group", mode: "all", negate: false, children: c.all.map(toNode) };
  if ("any" in c)
    return { id: newId(), kind: "group", mode: "any", negate: false, children: c.any.map(toNode) };
  const inner = toNode(c.not);
  if (inner.kind === "group" && !inner.negate) return { ...inner, negate: true };
  return { id: newId(), kind: "group", mode: "all", negate: true, children: [inner] };
}

export function toTree(n: ENode): Condition {
  if (n.kind === "leaf")
    return n.value === undefined
      ? { field: n.field, op: n.op }
      : { field: n.field, op: n.op, value: n.value };
  const inner: Condition =
    n.mode === "all" ? { all: n.children.map(toTree) } : { any: n.children.map(toTree) };
  return n.negate ? { not: inner } : inner;
}

/** The stored form: null (everyone of the chosen types) when the root has no clauses. */
export const toConditions = (root: EGroup): Condition | null =>
  root.children.length === 0 && !root.negate ? null : toTree(root);

export function mapNode(n: ENode, id: string, f: (n: ENode) => ENode | null): ENode | null {
  if (n.id === id) return f(n);
  if (n.kind === "leaf") return n;
  return { ...n, children: n.children.map((c) => mapNode(c, id, f)).filter((c): c is ENode => c !== null) };
}
