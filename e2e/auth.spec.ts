import { ADMIN } from "./cli";
import { expect, expectAccessible, signIn, signInAsAdmin, test } from "./fixtures";

test("an admin signs in, reaches the staff screens and signs out", async ({ page }) => {
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fpeople/);
  await expectAccessible(page);
  await signInAsAdmin(page);
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("navigation", { name: "Staff" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await signIn(page, ADMIN.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "match" })).toHaveText(
    "That email and password don't match an active account.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test("admin routes refuse cross-site requests, and a session cookie copied before sign-out stops working", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAsAdmin(page);
  await expect(page).toHaveURL(/\/people$/);
  const draft = { recordTypes: "people", mode: "specific", conditions: null, specificIds: [] };
  const crossSite = await page.request.post("/api/admin/groups/count", {
    data: draft,
    headers: { Origin: "http://attacker.localhost:9" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.message).toMatch(/Cross-site request refused/);
  const sameSite = await page.request.post("/api/admin/groups/count", {
    data: draft,
    headers: { Origin: new URL(baseURL!).origin },
  });
  expect(sameSite.status()).toBe(200);
  expect(await sameSite.json()).toEqual({ count: 0 });

  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(copied);
  const replayed = await replay.newPage();
  await replayed.goto("/people");
  await expect(replayed).toHaveURL(/\/sign-in/);
  await replay.close();
});
