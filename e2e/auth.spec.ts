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
