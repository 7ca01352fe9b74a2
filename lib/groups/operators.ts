// The operator table: which operators each value kind accepts and what value each needs.
// Client-safe (no server imports): the condition builder uses it too.
export const valueKinds = ["text", "number", "date", "boolean", "choice", "multi", "event", "group"] as const;
export type ValueKind = (typeof valueKinds)[number];

/** What an operator's `value` must be. */
export type ValueShape =
  | "none"
  | "string"
  | "number"
  | "number_pair"
  | "date"
  | "date_pair"
  | "days"
  | "string_list"
  | "event"
  | "group";

export type OperatorDef = { label: string; value: ValueShape; timeBased?: boolean };

export const operators: Record<ValueKind, Record<string, OperatorDef>> = {
  text: {
    eq: { label: "is", value: "string" },
    neq: { label: "is not", value: "string" },
    contains: { label: "contains", value: "string" },
    not_contains: { label: "does not contain", value: "string" },
    starts_with: { label: "starts with", value: "string" },
    ends_with: { label: "ends with", value: "string" },
    is_empty: { label: "is empty", value: "none" },
    is_not_empty: { label: "is not empty", value: "none" },
  },
  number: {
    eq: { label: "=", value: "number" },
    neq: { label: "≠", value: "number" },
    gt: { label: ">", value: "number" },
    gte: { label: "≥", value: "number" },
    lt: { label: "<", value: "number" },
    lte: { label: "≤", value: "number" },
    between: { label: "between", value: "number_pair" },
    is_empty: { label: "is empty", value: "none" },
    is_not_empty: { label: "is not empty", value: "none" },
  },
  date: {
    on: { label: "is on", value: "date" },
    before: { label: "is before", value: "date" },
    after: { label: "is after", value: "date" },
    between: { label: "is between", value: "date_pair" },
    within_next_days: { label: "is within the next … days", value: "days", timeBased: true },
    within_last_days: { label: "was within the last … days", value: "days", timeBased: true },
    more_than_days_ago: { label: "is more than … days ago", value: "days", timeBased: true },
    more_than_days_ahead: { label: "is more than … days ahead", value: "days", timeBased: true },
    is_empty: { label: "is empty", value: "none" },
    is_not_empty: { label: "is not empty", value: "none" },
  },
  boolean: {
    is_true: { label: "is yes", value: "none" },
    is_false: { label: "is no", value: "none" },
  },
  choice: {
    in: { label: "is any of", value: "string_list" },
    not_in: { label: "is none of", value: "string_list" },
    is_empty: { label: "is empty", value: "none" },
    is_not_empty: { label: "is not empty", value: "none" },
  },
  multi: {
    has_any: { label: "has any of", value: "string_list" },
    has_all: { label: "has all of", value: "string_list" },
    has_none: { label: "has none of", value: "string_list" },
    is_empty: { label: "is empty", value: "none" },
    is_not_empty: { label: "is not empty", value: "none" },
  },
  event: { registered: { label: "registered for", value: "event" } },
  group: { member_of: { label: "is a member of", value: "group" } },
};

export function operatorFor(kind: ValueKind, op: string): OperatorDef | null {
  return Object.hasOwn(operators[kind], op) ? operators[kind][op] : null;
}
