// The portal's My groups: the signed-in person's groups that staff show to members, and for each synced
// community (one per sync link, any vendor in the connector registry) whether they are in it and, if not,
// why not, in words a member understands. The person's id comes from the session, never from the request.
import type { DbOrTx } from "@/db/client";
import { listPersonSyncStatuses, listVisibleGroupsOfPerson } from "@/db/queries/portal-groups";
import type { SyncMemberState, SyncReason } from "@/db/schema/sync";
import { vendorLabel } from "@/lib/connectors/registry";

/** in: a member there; pending: on the way (being added, or not synced since they joined); out: not added. */
export type CommunityStatus = "in" | "pending" | "out";

export type MyCommunity = {
  vendor: string;
  /** The platform's name ("Mobilize") and the community's name there. */
  platform: string;
  community: string;
  status: CommunityStatus;
  /** The status in a few words, shown as text (never by colour alone). */
  statusLabel: string;
  /** Why, when they are not in it (or not yet). */
  explanation: string | null;
};

export type MyGroup = { id: string; name: string; description: string; communities: MyCommunity[] };

export const communityStatusLabels: Record<CommunityStatus, string> = {
  in: "You are in it",
  pending: "Not yet",
  out: "You are not in it",
};

const reasonWords = (platform: string): Record<SyncReason, string> => ({
  no_user_account: `Only members with a sign-in account are added to ${platform}, and you had none when this group was last synced.`,
  deactivated: "Your membership record is deactivated.",
  missing_email: `Your record has no email address, which ${platform} needs.`,
  remote_rejected: `${platform} did not accept you. Staff can look into it.`,
  is_company: "Only individual people are added, not companies.",
});

/** Pure: one stored per-member sync status (or none yet) as the member should read it. */
export function describeCommunityStatus(
  platform: string,
  state: SyncMemberState | null,
  reason: SyncReason | null,
): Pick<MyCommunity, "status" | "statusLabel" | "explanation"> {
  const out = (explanation: string) => ({
    status: "out" as const,
    statusLabel: communityStatusLabels.out,
    explanation,
  });
  const pending = (explanation: string) => ({
    status: "pending" as const,
    statusLabel: communityStatusLabels.pending,
    explanation,
  });
  switch (state) {
    case "up_to_date":
      return { status: "in", statusLabel: communityStatusLabels.in, explanation: null };
    case "syncing":
      return pending(`You are being added to ${platform} now.`);
    case null:
      return pending(`This group has not been synced to ${platform} since you joined it.`);
    case "error":
      return out(`Adding you to ${platform} did not work the last time it was tried. Staff can see why.`);
    case "not_applicable":
      return out(
        reason ? reasonWords(platform)[reason] : `You are not one of the members added to ${platform}.`,
      );
  }
}

/** The person's visible groups with their communities; only their own memberships and statuses are read. */
export async function listMyGroups(db: DbOrTx, personId: string): Promise<MyGroup[]> {
  const groups = await listVisibleGroupsOfPerson(db, personId);
  const statuses = await listPersonSyncStatuses(
    db,
    personId,
    groups.map((g) => g.id),
  );
  return groups.map((g) => ({
    ...g,
    communities: statuses
      .filter((s) => s.groupId === g.id)
      .map((s) => {
        const platform = vendorLabel(s.vendor);
        return {
          vendor: s.vendor,
          platform,
          community: s.remoteGroupName,
          ...describeCommunityStatus(platform, s.state, s.reason),
        };
      })
      .sort((a, b) => a.platform.localeCompare(b.platform) || a.community.localeCompare(b.community)),
  }));
}
