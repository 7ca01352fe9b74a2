// A written record's group memberships are decided in the write's own transaction (issue 15 §2): the
// record's data and its stored membership (group_members, the membership log) commit together, so a key
// limited to a group never reads the record's new data while its membership still says "in the group".
// One record against every group is one prepared query (lib/groups/membership.ts). The group follower
// (group-membership.ts) still follows the outbox: it applies definition changes (groups, custom fields,
// membership types), bulk loads, and re-decides every written record as a safety net (a no-op when this
// already did it).
import type { AfterWrite, Written } from "@/db/queries/record-writes";
import { peopleOfCompanies } from "@/db/queries/people";
import { loadConditionContext } from "@/lib/groups/context";
import { reevaluateRecords } from "@/lib/groups/membership";

const personOf = (w: Written): string | null => {
  const id = (w.row?.personId ?? w.before?.personId) as unknown;
  return typeof id === "string" ? id : null;
};

export const decideMembershipsNow: AfterWrite = async (tx, w) => {
  const people: string[] = [];
  const companies: string[] = [];
  if (w.recordType === "person") people.push(w.id);
  else if (w.recordType === "company") {
    companies.push(w.id);
    // A company's fields decide its people's membership in groups with company-field conditions.
    people.push(...(await peopleOfCompanies(tx, [w.id])).map((r) => r.id));
  } else if (w.recordType === "user" || w.recordType === "registration") {
    const p = personOf(w);
    if (p) people.push(p);
  }
  if (!people.length && !companies.length) return;
  const ctx = await loadConditionContext(tx);
  if (ctx.groups.size === 0) return;
  const cause = () => w.cursor;
  await reevaluateRecords(tx, "person", people, ctx, cause);
  await reevaluateRecords(tx, "company", companies, ctx, cause);
};
