// Addresses that do not exist: branded pages inside the shell the visitor is in, each with a way back.
import { createMember, PASSWORD } from "./sso-helpers";
import { expect, expectAccessible, signIn, signInAsAdmin, test } from "./fixtures";

test("a member on a missing portal page stays in the portal and can go back", async ({ page }) => {
  const member = await createMember("Nora", `Lost${Date.now() % 100_000}`);
  await signIn(page, member.email, PASSWORD);
  await page.waitForURL("**/compass");
  const res = await page.goto("/compass/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // The portal's own header and navigation are still there.
  await expect(page.getByText("· Compass")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to your Compass" }).click();
  await page.waitForURL("**/compass");
  await expect(page.getByRole("heading", { name: "Page not found" })).toHaveCount(0);
});

test("staff opening a record that does not exist stay in the staff shell", async ({ page }) => {
  await signInAsAdmin(page);
  await page.waitForURL("**/people");
  // The staff shell streams, so the status is already sent (200) when the page finds nothing (Next.js docs).
  await page.goto("/companies/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to People" }).click();
  await page.waitForURL("**/people");
});

test("an unknown address outside both shells is branded too, and the site has a favicon", async ({
  page,
  request,
}) => {
  const res = await page.goto("/no-such-place");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/");
  await expectAccessible(page);
  const icon = await request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await expect(page.locator('link[rel="icon"]')).toHaveCount(1);
});
