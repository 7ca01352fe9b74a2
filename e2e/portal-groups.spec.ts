// The portal's My groups: a member's groups are hidden until staff mark one "Visible to members" on its
// Details tab; then the member sees it, a hidden group of theirs stays hidden, and another member sees neither.
import { cli } from "./cli";
import { expect, expectAccessible, signIn, signInAsAdmin, test } from "./fixtures";
import { createMember, PASSWORD, uniq, type Member } from "./sso-helpers";

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

test("My groups sends strangers to sign in", async ({ page }) => {
  await page.goto("/compass/groups");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcompass%2Fgroups/);
});
