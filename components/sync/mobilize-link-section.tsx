"use client";
// Details tab → Mobilize: the link's status with Sync now, approve/cancel a paused mass removal and Unlink
// (removes nobody) — the vendor-neutral pieces — and Mobilize's group picker with its dry-run preview.
import { ActionError } from "./link-actions";
import { LinkStatusPanel } from "./link-status-panel";
import { MobilizeGroupPicker } from "./mobilize-group-picker";
import { useLinkActions } from "./use-link-actions";
import { useGroupSync } from "./use-sync";

const vendor = "mobilize";
const unlink = {
  title: "Unlink from Mobilize?",
  body: "The sync stops. Nobody is removed from the Mobilize group; members stay there until removed in Mobilize.",
};

export function MobilizeLinkSection({ groupId }: { groupId: string }) {
  const { data } = useGroupSync(groupId, vendor);
  const link = data?.link ?? null;
  const actions = useLinkActions(groupId, vendor);
  return (
    <section aria-labelledby="mz-link" className="rounded-lg border border-slate-200 p-4">
      <h2 id="mz-link" className="mb-2 font-semibold">
        Mobilize
      </h2>
      {link && <LinkStatusPanel link={link} actions={actions} unlink={unlink} />}
      <MobilizeGroupPicker groupId={groupId} link={link} actions={actions} />
      <ActionError actions={actions} />
    </section>
  );
}
