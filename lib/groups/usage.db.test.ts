// Deleting a group that a feature depends on is refused, naming each user; the checks need no feature
// module to have been loaded.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { getGroup } from "@/db/queries/groups";
import { createGroup, deleteGroup } from "@/lib/groups/definitions";
import { createSsoClient } from "@/lib/oidc/clients";
import { saveSyncLink } from "@/db/queries/sync-links";
import { groupUsages } from "./usage";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

it("names the sync link and the SSO client that use a group, and refuses to delete it", async () => {
  const g = await createGroup(t.db, { name: "Synced", recordTypes: "people" }, "cli");
  expect(await groupUsages(t.db, g.id)).toEqual([]);
  await saveSyncLink(t.db, {
    vendor: "mobilize",
    groupId: g.id,
    remoteGroupId: "7",
    remoteGroupName: "Community",
  });
  await createSsoClient(t.db, {
    name: "Forum",
    redirectUris: ["https://forum.example.org/cb"],
    permittedGroupIds: [g.id],
  });
  expect(await groupUsages(t.db, g.id)).toEqual([
    'Mobilize sync (linked to "Community")',
    'SSO client "Forum"',
  ]);
  await expect(deleteGroup(t.db, g.id, "cli")).rejects.toThrow(
    /Mobilize sync \(linked to "Community"\), SSO client "Forum"/,
  );
  expect(await getGroup(t.db, g.id)).not.toBeNull();
});
