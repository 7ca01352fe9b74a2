// Test and benchmark data for syncs: a group with `eligible` individuals who have accounts, plus one of
// each not-eligible kind. Rows are inserted directly (fast enough for 10,000 people); the app's own write
// paths are exercised by their own tests.
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import {
  companies,
  groupMembers,
  groups,
  groupSpecificRecords,
  people,
  siteSettings,
  users,
} from "@/db/schema";
import { saveSyncLink } from "@/db/queries/sync-links";

export type SeededGroup = {
  groupId: string;
  companyId: string;
  eligibleIds: string[];
  eligibleEmails: string[];
  notEligible: Record<"no_user_account" | "deactivated" | "missing_email" | "is_company", string>;
};

export async function seedSyncGroup(db: DbOrTx, eligible: number, prefix = "m"): Promise<SeededGroup> {
  const [company] = await db
    .insert(companies)
    .values({ name: `${prefix} Widgets Inc` })
    .returning({ id: companies.id });
  const [group] = await db
    .insert(groups)
    .values({ name: `${prefix} Sync group`, mode: "specific", recordTypes: "both" })
    .returning({ id: groups.id });
  const eligibleRows = Array.from({ length: eligible }, (_, i) => ({
    id: randomUUID(),
    firstName: `First${i}`,
    lastName: `Last${i}`,
    email: `${prefix}.${i}@example.org`,
    jobTitle: i % 2 ? "Engineer" : null,
    companyId: i % 3 ? company.id : null,
  }));
  const extra = {
    no_user_account: {
      id: randomUUID(),
      firstName: "No",
      lastName: "Account",
      email: `${prefix}.noacct@example.org`,
    },
    deactivated: {
      id: randomUUID(),
      firstName: "Gone",
      lastName: "Away",
      email: `${prefix}.gone@example.org`,
      active: false,
    },
    missing_email: { id: randomUUID(), firstName: "No", lastName: "Email", email: null },
  };
  const all = [...eligibleRows, ...Object.values(extra)];
  for (let i = 0; i < all.length; i += 1000) await db.insert(people).values(all.slice(i, i + 1000));
  const withAccounts = [...eligibleRows, extra.deactivated, extra.missing_email];
  const userRows = withAccounts.map((p) => ({
    email: p.email ?? `${p.id}@accounts.invalid`,
    passwordHash: "!test",
    personId: p.id,
  }));
  for (let i = 0; i < userRows.length; i += 1000) await db.insert(users).values(userRows.slice(i, i + 1000));
  const memberRows = [
    ...all.map((p) => ({ groupId: group.id, recordType: "person" as const, recordId: p.id })),
    { groupId: group.id, recordType: "company" as const, recordId: company.id },
  ];
  // The hand-picked list and the membership it yields, both: a later write re-decides the record's
  // membership from the list (lib/changes/membership-now.ts), so a member missing from it would leave.
  for (let i = 0; i < memberRows.length; i += 1000) {
    await db.insert(groupSpecificRecords).values(memberRows.slice(i, i + 1000));
    await db.insert(groupMembers).values(memberRows.slice(i, i + 1000));
  }
  return {
    groupId: group.id,
    companyId: company.id,
    eligibleIds: eligibleRows.map((p) => p.id),
    eligibleEmails: eligibleRows.map((p) => p.email),
    notEligible: {
      no_user_account: extra.no_user_account.id,
      deactivated: extra.deactivated.id,
      missing_email: extra.missing_email.id,
      is_company: company.id,
    },
  };
}

/**
 * A seeded group linked to a remote Mobilize group, on a launched site unless `launch: false` (syncs are held
 * on staging): the setup the sync tests share.
 */
export async function seedLinkedGroup(
  db: DbOrTx,
  opts: {
    eligible: number;
    prefix?: string;
    remoteGroupId: number;
    remoteGroupName: string;
    launch?: boolean;
  },
): Promise<{ seed: SeededGroup; linkId: string }> {
  if (opts.launch !== false)
    await db
      .insert(siteSettings)
      .values({ id: 1, launched: true })
      .onConflictDoUpdate({ target: siteSettings.id, set: { launched: true } });
  const seed = await seedSyncGroup(db, opts.eligible, opts.prefix);
  const link = await saveSyncLink(db, {
    vendor: "mobilize",
    groupId: seed.groupId,
    remoteGroupId: String(opts.remoteGroupId),
    remoteGroupName: opts.remoteGroupName,
  });
  return { seed, linkId: link.id };
}
