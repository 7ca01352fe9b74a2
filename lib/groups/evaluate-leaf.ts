// Leaf clauses decided for one in-memory record: the record's value of a field, and each operator
// (see evaluate.ts for the tree; semantics match compile-leaf.ts).
import { isCalendarDate } from "@/lib/schemas/typed-values";
import { deriveMemberStatus } from "@/lib/records/member-status";
import type { ResolvedField } from "./fields";
import type { ConditionContext, GroupDef, Leaf } from "./types";

type Custom = Record<string, unknown>;
export type CompanyFacts = {
  id: string;
  name: string;
  email: string | null;
  active: boolean;
  membershipTypeId: string | null;
  joinDate: string | null;
  expiryDate: string | null;
  graceDays: number | null;
  custom: Custom;
};
export type PersonFacts = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  approvalStatus: string;
  active: boolean;
  membershipTypeId: string | null;
  joinDate: string | null;
  expiryDate: string | null;
  graceDays: number | null;
  custom: Custom;
  hasUserAccount: boolean;
  registrations: { eventId: string; status: string }[];
  company: CompanyFacts | null;
};
export type EvalRecord = { type: "person"; person: PersonFacts } | { type: "company"; company: CompanyFacts };

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// The compiled SQL compares only what the shared parser reads as a date; so does the evaluator.
const isDate = isCalendarDate;

/** The raw value of a field for the record (undefined when the field does not apply). */
export function valueOf(f: ResolvedField, rec: EvalRecord, ctx: ConditionContext): unknown {
  const src: PersonFacts | CompanyFacts | null =
    f.scope === "company"
      ? rec.type === "person"
        ? rec.person.company
        : rec.company
      : rec.type === "person"
        ? rec.person
        : null;
  if (!src) return undefined;
  if (f.customKey) return src.custom[f.customKey];
  const p = src as PersonFacts;
  switch (f.key.replace(/^company\./, "")) {
    case "first_name":
      return p.firstName;
    case "last_name":
      return p.lastName;
    case "name":
      return (src as CompanyFacts).name;
    case "email":
      return src.email;
    case "phone":
      return p.phone;
    case "job_title":
      return p.jobTitle;
    case "approval_status":
      return p.approvalStatus;
    case "active":
      return src.active;
    case "has_user_account":
      return p.hasUserAccount;
    case "membership_type":
      return src.membershipTypeId;
    case "member_status":
      return deriveMemberStatus({
        membershipTypeId: src.membershipTypeId,
        expiryDate: src.expiryDate,
        graceDays: src.graceDays,
        today: ctx.today,
      });
    case "join_date":
      return src.joinDate;
    case "expiry_date":
      return src.expiryDate;
    case "event":
      return p.registrations;
  }
  return undefined;
}

export function leafPasses(
  leaf: Leaf,
  f: ResolvedField,
  raw: unknown,
  ctx: ConditionContext,
  inGroup: (g: GroupDef) => boolean,
): boolean {
  const v = leaf.value as never;
  switch (f.kind) {
    case "text": {
      const s = (typeof raw === "string" ? raw : "").toLowerCase();
      const x = String(v ?? "").toLowerCase();
      switch (leaf.op) {
        case "eq":
          return s === x;
        case "neq":
          return s !== x;
        case "contains":
          return s.includes(x);
        case "not_contains":
          return !s.includes(x);
        case "starts_with":
          return s.startsWith(x);
        case "ends_with":
          return s.endsWith(x);
        case "is_empty":
          return s === "";
        case "is_not_empty":
          return s !== "";
      }
      return false;
    }
    case "number": {
      const n = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
      if (leaf.op === "is_empty") return n === null;
      if (leaf.op === "is_not_empty") return n !== null;
      if (leaf.op === "neq") return n !== v;
      if (n === null) return false;
      switch (leaf.op) {
        case "eq":
          return n === v;
        case "gt":
          return n > v;
        case "gte":
          return n >= v;
        case "lt":
          return n < v;
        case "lte":
          return n <= v;
        case "between":
          return n >= (v as number[])[0] && n <= (v as number[])[1];
      }
      return false;
    }
    case "date": {
      const d = isDate(raw) ? raw : null;
      if (leaf.op === "is_empty") return d === null;
      if (leaf.op === "is_not_empty") return d !== null;
      if (d === null) return false;
      const t = ctx.today;
      switch (leaf.op) {
        case "on":
          return d === v;
        case "before":
          return d < (v as string);
        case "after":
          return d > (v as string);
        case "between":
          return d >= (v as string[])[0] && d <= (v as string[])[1];
        case "within_next_days":
          return d >= t && d <= addDays(t, v);
        case "within_last_days":
          return d >= addDays(t, -v) && d <= t;
        case "more_than_days_ago":
          return d < addDays(t, -v);
        case "more_than_days_ahead":
          return d > addDays(t, v);
      }
      return false;
    }
    case "boolean":
      return leaf.op === "is_true" ? raw === true : raw === false;
    case "choice": {
      const s = typeof raw === "string" ? raw : null;
      switch (leaf.op) {
        case "in":
          return s !== null && (v as string[]).includes(s);
        case "not_in":
          return s === null || !(v as string[]).includes(s);
        case "is_empty":
          return s === null;
        case "is_not_empty":
          return s !== null;
      }
      return false;
    }
    case "multi": {
      const arr = Array.isArray(raw) ? (raw as unknown[]) : [];
      const hasAny = ((v ?? []) as string[]).some((x) => arr.includes(x));
      switch (leaf.op) {
        case "has_any":
          return hasAny;
        case "has_all":
          return Array.isArray(raw) && (v as string[]).every((x) => arr.includes(x));
        case "has_none":
          return !hasAny;
        case "is_empty":
          return arr.length === 0;
        case "is_not_empty":
          return arr.length > 0;
      }
      return false;
    }
    case "event": {
      const e = v as { eventId: string; statuses?: string[] };
      const regs = (raw ?? []) as PersonFacts["registrations"];
      return regs.some((r) => r.eventId === e.eventId && (!e.statuses || e.statuses.includes(r.status)));
    }
    case "group": {
      const g = ctx.groups.get(v);
      return g ? inGroup(g) : false;
    }
  }
  return false;
}
