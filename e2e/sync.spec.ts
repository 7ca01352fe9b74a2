// Mobilize sync end to end: connect with Test connection, link a group (with the dry-run preview),
// watch the groups list go from Syncing to Up To Date without a reload, see N/A with its reason on the
// Members tab, unlink (nobody is removed from Mobilize). Port 3207 when run alone (see brief).
import { cli } from "./cli";
import { expect, signIn, signInAsAdmin, test } from "./fixtures";
import { createMember, PASSWORD, uniq } from "./sso-helpers";
import { startMobilizeStandIn, type MobilizeStandIn } from "../scripts/stand-ins/mobilize/server";

let s: MobilizeStandIn;
let groupId: string;
let remoteId: number;
let member: Awaited<ReturnType<typeof createMember>>;

test.beforeAll(async () => {
  s = await startMobilizeStandIn({ apiKey: "e2e-key-9876", apiSecret: "e2e-secret" });
  remoteId = s.state.createGroup({ name: `Community ${uniq()}` }).id;
  member = await createMember("Sync", `Member${uniq()}`);
  try {
    cli("seed-demo", "--people", "20", "--seed", String(Date.now() % 100000));
  } catch {
    // already seeded by another spec: any people without accounts will do
  }
  groupId = cli<{ id: string }>("group", "create", "--name", `Synced ${uniq()}`, "--types", "people").id;
  cli("sync", "staging", "on");
});
test.afterAll(() => s?.close());

test("connect, link, watch the status go live, see N/A, unlink", async ({ page }) => {
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));

  await page.goto("/settings/integrations");
  await page.getByLabel("API key").fill("e2e-key-9876");
  await page.getByLabel("API secret").fill("wrong-secret");
  await page.getByLabel("Base URL").fill(s.url);
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status")).toHaveText(/rejected the API key or secret/);
  await page.getByLabel("API secret").fill("e2e-secret");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status")).toHaveText("Connected to Mobilize.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(/Saved/);
  await page.reload();
  await expect(page.getByText("9876")).toBeVisible();
  await expect(page.getByText("e2e-secret")).toHaveCount(0);

  // Slow answers so the Syncing state is visible.
  await fetch(`http://localhost:${s.port}/__faults`, {
    method: "POST",
    body: JSON.stringify({ rate: 1, kinds: ["slow"], slowMs: 1500 }),
  });
  await page.goto(`/groups/${groupId}?tab=details`);
  const select = page.getByLabel("Mobilize group");
  await expect(select.locator(`option[value="${remoteId}"]`)).toHaveCount(1);
  await select.selectOption(String(remoteId));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("sync-preview");
  await expect(preview).toContainText("to add");
  await expect(preview).toContainText("not eligible");
  await preview.getByRole("button", { name: "Save link and sync" }).click();

  await page.goto("/groups");
  const cell = page.getByTestId(`sync-status-${groupId}`);
  await expect(cell).toContainText("Syncing", { timeout: 20_000 });
  await fetch(`http://localhost:${s.port}/__faults`, { method: "POST", body: JSON.stringify({ rate: 0 }) });
  await expect(cell).toContainText("Up To Date", { timeout: 30_000 }); // no reload: TanStack Query polling
  const emails = [...s.state.members.get(remoteId)!.keys()].map((id) => s.state.users.get(id)!.email);
  expect(emails).toContain(member.email);

  await page.goto(`/groups/${groupId}?tab=members`);
  await page.getByLabel("Filter Mobilize status").selectOption("not_applicable");
  await expect(page.getByText("No user account").first()).toBeVisible();
  await expect(page.getByTestId(`member-sync-${member.personId}`)).toHaveCount(0);

  await page.goto(`/groups/${groupId}?tab=details`);
  await page.getByRole("button", { name: "Unlink" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unlink" }).click();
  await expect(page.getByText(/Linked to/)).toHaveCount(0);
  expect(s.state.members.get(remoteId)!.size).toBe(emails.length);
});

test("sync admin endpoints refuse anonymous callers and members", async ({ page, request }) => {
  for (const path of [
    "/api/admin/sync/links",
    `/api/admin/sync/groups/${groupId}`,
    "/api/admin/sync/remote-groups",
  ])
    expect((await request.get(path)).status()).toBe(401);
  expect((await request.post(`/api/admin/sync/groups/${groupId}/sync-now`)).status()).toBe(401);
  await signIn(page, member.email, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  expect((await page.request.get("/api/admin/sync/links")).status()).toBe(403);
  expect((await page.request.delete(`/api/admin/sync/groups/${groupId}/link`)).status()).toBe(403);
});
