// Groups: build a two-clause group in the builder and watch the live count change, save it, open
// Members, and explain one member's membership clause by clause.
import { cli } from "./cli";
import { expect, expectAccessible, signIn, signInAsAdmin, test } from "./fixtures";
import { createMember, PASSWORD } from "./sso-helpers";

const countOf = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, "") || NaN);

test.beforeAll(() => {
  try {
    cli("seed-demo", "--people", "80", "--seed", String(Date.now() % 100000));
  } catch {
    // Another spec may already have seeded the shared e2e database; any people will do.
  }
});

test("build a two-clause group, watch the count, open Members, explain a member", async ({ page }) => {
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/groups/new");
  const name = `Current actives ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  const live = page.getByTestId("live-count");
  await expect(live).toHaveText(/records? match/);
  const everyone = countOf(await live.textContent());
  expect(everyone).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Add condition" }).click();
  await expect(page.getByText("Enter a value")).toBeVisible();
  await expect(live).toHaveText("Fix the conditions to see the count");
  await page.getByLabel("Field").first().selectOption("active");
  await expect(live).toHaveText(/records? match$/);
  const actives = countOf(await live.textContent());

  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Field").nth(1).selectOption("member_status");
  await page.getByLabel("Member status value").selectOption(["current"]);
  await expect(live).not.toHaveText(new RegExp(`^${actives} `));
  await expect(live).toHaveText(/records? match$/);
  const both = countOf(await live.textContent());
  expect(both).toBeLessThan(everyone);
  expect(both).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Create group" }).click();
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByText(`${both.toLocaleString("en")} member`)).toBeVisible();
  const rows = page.getByRole("table", { name: "Group members" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const member = (await rows.first().locator("td").first().textContent())!.trim();
  const viaCli = cli<{ members: unknown[] }>("group", "members", id);
  expect(viaCli.members).toHaveLength(both);

  await page.getByRole("link", { name: "Explain membership" }).click();
  await page.getByLabel("Find a person or company").fill(member);
  await page.getByRole("button", { name: "Find" }).click();
  await page
    .getByRole("link", { name: `Explain ${member}` })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: `${member} is in this group` })).toBeVisible();
  await expect(page.getByText("pass", { exact: true })).toHaveCount(3); // the "all of" node and both clauses
  await expectAccessible(page);
});

test("the live count route and group pages are for staff admins only", async ({ page, request }) => {
  const data = { recordTypes: "people", mode: "conditions", conditions: null };
  expect((await request.post("/api/admin/groups/count", { data })).status()).toBe(401);
  const member = await createMember();
  await signIn(page, member.email, PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  expect((await page.request.post("/api/admin/groups/count", { data })).status()).toBe(403);
  await page.goto("/groups");
  await expect(page.getByRole("link", { name: "New group" })).toHaveCount(0);
});
