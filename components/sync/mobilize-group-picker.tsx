"use client";
// Mobilize's way to link a group: choose a Mobilize group (fetched live and paged; groups linked to another
// local group are shown but disabled), preview the dry run, then save the link (which starts a sync).
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { SyncPreview, type Preview } from "./sync-preview";
import type { LinkActions } from "./use-link-actions";
import { fetchJson, type LinkStatus } from "./use-sync";

type RemoteGroup = { id: string; name: string; parentId: string | null; linkedTo: string | null };

export function MobilizeGroupPicker({
  groupId,
  link,
  actions,
}: {
  groupId: string;
  link: LinkStatus | null;
  actions: LinkActions;
}) {
  const [choice, setChoice] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const { pending, run } = actions;
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

  return (
    <>
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
                await fetchJson<Preview>(actions.url("/preview"), {
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
        <SyncPreview preview={preview} removedFrom="Mobilize">
          <Button
            disabled={pending}
            onClick={() =>
              run(async () => {
                const name = groups.find((g) => g.id === choice)?.name ?? "";
                await fetchJson(actions.url("/link"), {
                  method: "PUT",
                  body: JSON.stringify({ remoteGroupId: choice, remoteGroupName: name }),
                });
                setPreview(null);
                setChoice("");
                await actions.refresh();
              })
            }
          >
            Save link and sync
          </Button>
        </SyncPreview>
      )}
    </>
  );
}
