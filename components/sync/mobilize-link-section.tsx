"use client";
// Details tab: link the group to a Mobilize group (dropdown fetched live and paged; groups linked to
// another local group are shown but disabled), with a dry-run preview before saving; status, Sync now,
// approve/cancel a paused mass removal, and Unlink (removes nobody).
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, Select } from "@/components/ui/field";
import { SyncStatusBadge } from "./sync-status-badge";
import { fetchJson, useGroupSync } from "./use-sync";

type RemoteGroup = { id: string; name: string; parentId: string | null; linkedTo: string | null };
type Preview = {
  counts: { add: number; remove: number; notEligible: number; alreadyThere: number };
  adds: { name: string; email: string }[];
  removes: { name: string; email: string | null }[];
  notEligible: { name: string; reason: string; message: string }[];
};

export function MobilizeLinkSection({ groupId }: { groupId: string }) {
  const qc = useQueryClient();
  const { data } = useGroupSync(groupId, "mobilize");
  const link = data?.link ?? null;
  const [choice, setChoice] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const remote = useInfiniteQuery({
    queryKey: ["sync", "remote-groups", "mobilize", groupId],
    queryFn: ({ pageParam }) =>
      fetchJson<{ groups: RemoteGroup[]; nextOffset: number | null }>(
        `/api/admin/sync/remote-groups?vendor=mobilize&groupId=${groupId}&offset=${pageParam}`,
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
  const groups = remote.data?.pages.flatMap((p) => p.groups) ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: ["sync"] });
  const run = (f: () => Promise<void>) =>
    start(async () => {
      setError(null);
      try {
        await f();
      } catch (e) {
        setError((e as Error).message);
      }
    });

  return (
    <section aria-labelledby="mz-link" className="rounded-lg border border-slate-200 p-4">
      <h2 id="mz-link" className="mb-2 font-semibold">
        Mobilize
      </h2>
      {link && (
        <div className="mb-4 space-y-2 text-sm">
          <p>
            Linked to <strong>{link.remoteGroupName || `group ${link.remoteGroupId}`}</strong> ·{" "}
            <SyncStatusBadge link={link} />
          </p>
          {link.status === "held" && <p className="text-amber-800">{link.message}</p>}
          {link.status === "awaiting_confirmation" && link.pendingRemovals && (
            <div className="rounded border border-amber-300 bg-amber-50 p-3">
              <p className="mb-2">{link.message} Who would be removed:</p>
              <ul className="mb-2 max-h-40 list-disc overflow-auto pl-5">
                {link.pendingRemovals.map((r) => (
                  <li key={r.remoteUserId}>
                    {r.name || r.email}
                    {r.email ? ` (${r.email})` : ""}
                  </li>
                ))}
              </ul>
              <div className="flex gap-2">
                <Button
                  onClick={() =>
                    run(
                      async () => (
                        await fetchJson(`/api/admin/sync/groups/${groupId}/removals?vendor=mobilize`, {
                          method: "POST",
                        }),
                        refresh()
                      ),
                    )
                  }
                >
                  Approve removals
                </Button>
                <Button
                  variant="secondary"
                  onClick={() =>
                    run(
                      async () => (
                        await fetchJson(`/api/admin/sync/groups/${groupId}/removals?vendor=mobilize`, {
                          method: "DELETE",
                        }),
                        refresh()
                      ),
                    )
                  }
                >
                  Cancel
                </Button>
              </div>
            </div>
          )}
          <div className="flex gap-2">
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() =>
                run(
                  async () => (
                    await fetchJson(`/api/admin/sync/groups/${groupId}/sync-now?vendor=mobilize`, {
                      method: "POST",
                    }),
                    refresh()
                  ),
                )
              }
            >
              Sync now
            </Button>
            <ConfirmButton
              label="Unlink"
              title="Unlink from Mobilize?"
              body="The sync stops. Nobody is removed from the Mobilize group; members stay there until removed in Mobilize."
              confirmLabel="Unlink"
              action={async () => {
                try {
                  await fetchJson(`/api/admin/sync/groups/${groupId}/link?vendor=mobilize`, {
                    method: "DELETE",
                  });
                  await refresh();
                } catch (e) {
                  return (e as Error).message;
                }
              }}
            />
          </div>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <Field id="mz-group" label={link ? "Link to another Mobilize group" : "Mobilize group"}>
          <Select
            id="mz-group"
            value={choice}
            onChange={(e) => (setChoice(e.target.value), setPreview(null))}
            disabled={remote.isPending}
          >
            <option value="">{remote.isPending ? "Loading Mobilize groups…" : "Choose a group"}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id} disabled={Boolean(g.linkedTo) || g.id === link?.remoteGroupId}>
                {g.name}
                {g.parentId ? " (sub-group)" : ""}
                {g.linkedTo ? ` — linked to ${g.linkedTo}` : ""}
              </option>
            ))}
          </Select>
        </Field>
        {remote.hasNextPage && (
          <Button variant="ghost" onClick={() => remote.fetchNextPage()} disabled={remote.isFetchingNextPage}>
            More groups
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={!choice || pending}
          onClick={() =>
            run(async () =>
              setPreview(
                await fetchJson<Preview>(`/api/admin/sync/groups/${groupId}/preview?vendor=mobilize`, {
                  method: "POST",
                  body: JSON.stringify({ remoteGroupId: choice }),
                }),
              ),
            )
          }
        >
          Preview
        </Button>
      </div>
      {remote.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {remote.error.message}
        </p>
      )}
      {preview && (
        <div className="mt-4 space-y-2 text-sm" data-testid="sync-preview">
          <p>
            <strong>{preview.counts.add}</strong> to add, <strong>{preview.counts.remove}</strong> to remove,{" "}
            <strong>{preview.counts.notEligible}</strong> not eligible, {preview.counts.alreadyThere} already
            there.
          </p>
          <PreviewList title="Will be added" items={preview.adds.map((a) => `${a.name} (${a.email})`)} />
          <PreviewList
            title="Will be removed from Mobilize"
            items={preview.removes.map((r) => r.name || r.email || "")}
          />
          <PreviewList
            title="Not eligible"
            items={preview.notEligible.map((n) => `${n.name}: N/A — ${n.message}`)}
          />
          <Button
            disabled={pending}
            onClick={() =>
              run(async () => {
                const name = groups.find((g) => g.id === choice)?.name ?? "";
                await fetchJson(`/api/admin/sync/groups/${groupId}/link?vendor=mobilize`, {
                  method: "PUT",
                  body: JSON.stringify({ remoteGroupId: choice, remoteGroupName: name }),
                });
                setPreview(null);
                setChoice("");
                await refresh();
              })
            }
          >
            Save link and sync
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}

function PreviewList({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null;
  return (
    <details>
      <summary className="cursor-pointer">
        {title} ({items.length})
      </summary>
      <ul className="max-h-40 list-disc overflow-auto pl-5">
        {items.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
    </details>
  );
}
