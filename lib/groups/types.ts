// Shapes shared by the condition schema, compiler, evaluator and explain.
import type { CustomFieldInfo } from "./fields";

export type Leaf = { field: string; op: string; value?: unknown };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Leaf;

export type GroupRecordTypes = "people" | "companies" | "both";
export type MemberRecordType = "person" | "company";

export type GroupDef = {
  id: string;
  name: string;
  recordTypes: GroupRecordTypes;
  mode: "conditions" | "specific";
  conditions: unknown;
};

/** Everything a condition may refer to besides the record itself. */
export type ConditionContext = {
  custom: CustomFieldInfo[];
  /** Known membership type ids (validation only; omitted = not checked). */
  membershipTypeIds?: Set<string>;
  /** Groups by id, for "member of another group" (inlined, so one query decides it). */
  groups: Map<string, GroupDef>;
  /** ISO date used for relative dates and member status. */
  today: string;
  /** For the evaluator: hand-picked members of "specific records" groups, as "person:<id>". */
  specific?: Map<string, Set<string>>;
};

export const typesInclude = (types: GroupRecordTypes, t: MemberRecordType) =>
  types === "both" || (t === "person" ? types === "people" : types === "companies");

export const isLeaf = (c: Condition): c is Leaf => "field" in c;
