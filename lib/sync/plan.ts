// The heart of a run, pure: desired minus remote = adds, remote minus desired = removes (so members
// added by hand remotely are removed), matched people whose synced fields changed = updates.
import type { RemoteMember, SyncPerson } from "@/lib/connectors/types";
import { eligibilityOf, fieldsHashOf, toSyncPerson, type GroupMemberRow } from "./eligibility";
import type { SyncReason } from "@/db/schema/sync";

export type PlanInput = {
  members: GroupMemberRow[];
  remote: RemoteMember[];
  /** personId → remembered remote user id */
  remoteIds: Map<string, string>;
  /** personId → fields hash last sent for this link */
  sentHashes: Map<string, string | null>;
};

export type PlannedAdd = { person: SyncPerson; fieldsHash: string };
export type PlannedRemove = { remoteUserId: string; email: string | null; name: string };
export type Plan = {
  adds: PlannedAdd[];
  removes: PlannedRemove[];
  updates: PlannedAdd[];
  unchanged: { personId: string; fieldsHash: string; remoteUserId: string }[];
  notEligible: {
    recordType: "person" | "company";
    recordId: string;
    name: string;
    reason: SyncReason;
    message: string;
  }[];
  /** Remote ids learned by matching on email this run (to remember). */
  learned: { personId: string; remoteUserId: string }[];
};

export function planSync(input: PlanInput): Plan {
  const remoteById = new Map(input.remote.map((r) => [r.remoteUserId, r]));
  const remoteByEmail = new Map(input.remote.filter((r) => r.email).map((r) => [r.email!.toLowerCase(), r]));
  const matched = new Set<string>();
  const plan: Plan = { adds: [], removes: [], updates: [], unchanged: [], notEligible: [], learned: [] };

  for (const row of input.members) {
    const e = eligibilityOf(row);
    if (!e.eligible) {
      const name = `${row.firstName} ${row.lastName}`.trim();
      plan.notEligible.push({
        recordType: row.recordType,
        recordId: row.recordId,
        name,
        reason: e.reason,
        message: e.message,
      });
      continue;
    }
    const known = input.remoteIds.get(row.recordId) ?? null;
    const hit =
      (known ? remoteById.get(known) : undefined) ?? remoteByEmail.get(row.email!.trim().toLowerCase());
    const person = toSyncPerson(row, hit?.remoteUserId ?? known);
    const fieldsHash = fieldsHashOf(person);
    if (!hit || matched.has(hit.remoteUserId)) {
      plan.adds.push({ person, fieldsHash });
      continue;
    }
    matched.add(hit.remoteUserId);
    if (hit.remoteUserId !== known)
      plan.learned.push({ personId: row.recordId, remoteUserId: hit.remoteUserId });
    if (input.sentHashes.get(row.recordId) !== fieldsHash) plan.updates.push({ person, fieldsHash });
    else plan.unchanged.push({ personId: row.recordId, fieldsHash, remoteUserId: hit.remoteUserId });
  }
  for (const r of input.remote)
    if (!matched.has(r.remoteUserId))
      plan.removes.push({
        remoteUserId: r.remoteUserId,
        email: r.email,
        name: `${r.firstName} ${r.lastName}`.trim(),
      });
  return plan;
}

/** Mass-removal guard: more than `percent`% of the remote group and at least `minimum` people. */
export function needsRemovalConfirmation(
  removals: number,
  remoteSize: number,
  percent: number,
  minimum: number,
): boolean {
  return removals >= minimum && removals * 100 > percent * Math.max(1, remoteSize);
}
