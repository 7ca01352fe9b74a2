// "Member of another group" references: cycles, dependents and time-based detection.
import { resolveField } from "./fields";
import { operatorFor } from "./operators";
import { referencedGroups } from "./schema";
import type { ConditionContext, GroupDef } from "./types";

/** True when saving `conditions` on `groupId` would make a group (indirectly) contain itself. */
export function wouldCycle(groups: Map<string, GroupDef>, groupId: string, conditions: unknown): boolean {
  const seen = new Set<string>();
  const stack = referencedGroups(conditions);
  while (stack.length) {
    const id = stack.pop()!;
    if (id === groupId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const g = groups.get(id);
    if (g?.mode === "conditions") stack.push(...referencedGroups(g.conditions));
  }
  return false;
}

/** Groups whose definition depends on any of `ids`, directly or through other groups (excluding `ids`). */
export function dependentGroups(groups: Map<string, GroupDef>, ids: Iterable<string>): string[] {
  const refs = new Map<string, string[]>();
  for (const g of groups.values())
    if (g.mode === "conditions")
      for (const r of referencedGroups(g.conditions)) refs.set(r, [...(refs.get(r) ?? []), g.id]);
  const start = new Set(ids);
  const out = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    for (const d of refs.get(stack.pop()!) ?? []) {
      if (start.has(d) || out.has(d)) continue;
      out.add(d);
      stack.push(d);
    }
  }
  return [...out];
}

/** Whether membership can change with the date alone (member status, relative dates), also via references. */
export function isTimeBased(g: GroupDef, ctx: ConditionContext, seen = new Set<string>()): boolean {
  if (g.mode !== "conditions" || seen.has(g.id)) return false;
  seen.add(g.id);
  const walk = (c: unknown): boolean => {
    if (!c || typeof c !== "object") return false;
    const o = c as Record<string, unknown>;
    if (Array.isArray(o.all)) return o.all.some(walk);
    if (Array.isArray(o.any)) return o.any.some(walk);
    if (o.not) return walk(o.not);
    const f = typeof o.field === "string" ? resolveField(o.field, ctx.custom) : null;
    if (!f) return false;
    if (f.kind === "group") {
      const ref = ctx.groups.get(String(o.value));
      return ref ? isTimeBased(ref, ctx, seen) : false;
    }
    return Boolean(f.timeBased || operatorFor(f.kind, String(o.op))?.timeBased);
  };
  return walk(g.conditions);
}
