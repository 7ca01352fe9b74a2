// The portal's My groups: a member's groups are hidden until staff mark one "Visible to members" on its
// Details tab; then the member sees it, a hidden group of theirs stays hidden, and another member sees neither.
// A visible group linked to Mobilize (stand-in) shows the member's own status in that community.
import { cli } from "./cli";
import { expect, expectAccessible, signIn, signInAsAdmin, test } from "./fixtures";
import { createMember, PASSWORD, uniq, type Member } from "./sso-helpers";
import { startMobilizeStandIn, type MobilizeStandIn } from "../scripts/stand-ins/mobilize/server";

let member: Member;
let other: Member;
let shown: { id: string; name: string };
let hidden: { id: string; name: string };

const groupOf = (name: string, email: string) =>
  cli<{ id: string; name: string }>(
    "group",
    "create",
    "--name",
    name,
    "--types",
    "people",
    "--description",
    `Description of ${name}`,
    "--conditions",
    JSON.stringify({ field: "email", op: "eq", value: email }),
  );

test.beforeAll(async () => {
  member = await createMember("Gina", `Groups${uniq()}`);
  other = await createMember("Olaf", `Other${uniq()}`);
  shown = groupOf(`Mentors ${uniq()}`, member.email);
  hidden = groupOf(`Board shortlist ${uniq()}`, member.email);
});

test("staff mark a group visible to members; the member sees it, never the hidden one", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, member.email, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/compass/groups");
  await expect(page.getByRole("heading", { level: 1, name: "My groups" })).toBeVisible();
  await expect(page.getByText("You are not in any group shown to members yet")).toBeVisible();
  await expectAccessible(page);

  // Staff: off by default, with its hint; turned on and saved with the group.
  await page.context().clearCookies();
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto(`/groups/${hidden.id}?tab=details`);
  await expect(page.getByLabel("Visible to members")).not.toBeChecked();
  await page.goto(`/groups/${shown.id}?tab=details`);
  const box = page.getByLabel("Visible to members");
  await expect(box).not.toBeChecked();
  await expect(page.getByText(/will see its name and description on their portal/)).toBeVisible();
  await box.check();
  // The saved group re-renders with its new version (the form remounts), so wait for the action's answer.
  const saved = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"] && r.ok(),
  );
  await page.getByRole("button", { name: "Save group" }).click();
  await saved;
  await page.reload();
  await expect(page.getByLabel("Visible to members")).toBeChecked();
  await expect(page.getByLabel("Name")).toHaveValue(shown.name);
  await expectAccessible(page);

  // The member sees the visible group with its description; the hidden one is not on the page.
  await page.context().clearCookies();
  await signIn(page, member.email, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/compass/groups");
  const list = page.getByRole("list", { name: "Your groups" });
  await expect(list.getByRole("heading", { level: 2, name: shown.name })).toBeVisible();
  await expect(list.getByText(`Description of ${shown.name}`)).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText(hidden.name)).toHaveCount(0);
  await expect(page.getByText("You are not in any group shown to members yet")).toHaveCount(0);
  await expectAccessible(page);
  // An id in the URL is ignored: the page is always the signed-in member's own.
  await page.goto(`/compass/groups?personId=${other.personId}`);
  await expect(list.getByRole("heading", { level: 2, name: shown.name })).toBeVisible();

  // Another member is in neither group and sees neither.
  await page.context().clearCookies();
  await signIn(page, other.email, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/compass/groups");
  await expect(page.getByText("You are not in any group shown to members yet")).toBeVisible();
  await expect(page.getByText(shown.name)).toHaveCount(0);
});

test("a visible group linked to Mobilize tells the member they are in that community", async ({ page }) => {
  test.setTimeout(120_000);
  let s: MobilizeStandIn | undefined;
  try {
    s = await startMobilizeStandIn({ apiKey: "groups-key-4321", apiSecret: "groups-secret" });
    const remote = s.state.createGroup({ name: `Mentor circle ${uniq()}` });
    const linked = groupOf(`Linked mentors ${uniq()}`, member.email);
    cli("sync", "staging", "on");

    await signInAsAdmin(page);
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto("/settings/integrations");
    await page.getByLabel("API key").fill("groups-key-4321");
    await page.getByLabel("API secret").fill("groups-secret");
    await page.getByLabel("Base URL").fill(s.url);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("status")).toHaveText("Connected to Mobilize.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(/Saved/);

    await page.goto(`/groups/${linked.id}?tab=details`);
    const saved = page.waitForResponse(
      (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"] && r.ok(),
    );
    await page.getByLabel("Visible to members").check();
    await page.getByRole("button", { name: "Save group" }).click();
    await saved;
    await page.reload();
    await page.getByLabel("Mobilize group").selectOption(String(remote.id));
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByTestId("sync-preview").getByRole("button", { name: "Save link and sync" }).click();
    await page.goto("/groups");
    await expect(page.getByTestId(`sync-status-${linked.id}`)).toContainText("Up To Date", {
      timeout: 30_000,
    });

    await page.context().clearCookies();
    await signIn(page, member.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto("/compass/groups");
    const community = page.getByTestId(`community-${linked.id}-mobilize`);
    await expect(community).toContainText(`Mobilize: ${remote.name}`);
    await expect(community).toContainText("You are in it");
    await expectAccessible(page);

    // Unlinked, the community is no longer listed (and the stand-in's group ids, which every stand-in
    // numbers alike, stay free for the other specs sharing this database).
    await page.context().clearCookies();
    await signInAsAdmin(page);
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto(`/groups/${linked.id}?tab=details`);
    await page.getByRole("button", { name: "Unlink" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Unlink" }).click();
    await expect(page.getByText(/Linked to/)).toHaveCount(0);
    await page.context().clearCookies();
    await signIn(page, member.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto("/compass/groups");
    await expect(page.getByRole("heading", { level: 2, name: linked.name })).toBeVisible();
    await expect(page.getByTestId(`community-${linked.id}-mobilize`)).toHaveCount(0);
  } finally {
    await s?.close();
  }
});

test("My groups sends strangers to sign in", async ({ page }) => {
  await page.goto("/compass/groups");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcompass%2Fgroups/);
});
