// Staff record screens end to end: custom field → person with a value → search → user account →
// deactivate (confirmed) → that person can no longer sign in; a protected company; axe on the main pages.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signIn, signInAsAdmin, test } from "./fixtures";

const run = Date.now();

/** Signs in and waits until the sign-in round trip has finished before navigating elsewhere. */
async function asAdmin(page: Page) {
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

test("an admin manages a person from custom field to deactivation, and the person is locked out", async ({
  page,
}) => {
  const fieldLabel = `Chapter ${run}`;
  const last = `Lovelace${run}`;
  const email = `ada.${run}@example.org`;
  const password = "ada-initial-password";

  await asAdmin(page);
  await page.goto("/custom-fields/new");
  await page.getByLabel("Label (required)").fill(fieldLabel);
  await page.getByLabel("Field type").selectOption("single_choice");
  await page.getByLabel("Choices").fill("North\nSouth");
  await page.getByRole("button", { name: "Create custom field" }).click();
  await expect(page).toHaveURL(/\/custom-fields$/);
  await expect(page.getByRole("link", { name: fieldLabel })).toBeVisible();

  // Bad input is refused next to the field, and nothing is created.
  await page.goto("/people/new");
  await page.getByLabel("Last name (required)").fill(last);
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByText("First name is required")).toBeVisible();
  await page.getByLabel("First name (required)").fill("Ada");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(fieldLabel).selectOption("South");
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ada ${last}` })).toBeVisible();
  await expect(page.getByText("South")).toBeVisible();

  await page.goto("/people");
  await expectAccessible(page);
  await page.getByLabel("Search by name or email").fill(`ada ${last.toLowerCase()}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=ada/);
  await page.getByRole("link", { name: `${last}, Ada` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ada ${last}` })).toBeVisible();
  await expectAccessible(page);

  const account = page.getByRole("form", { name: "Create user account" });
  await account.getByLabel("Initial password (required)").fill(password);
  await account.getByRole("button", { name: "Create user account" }).click();
  await expect(page.getByText("Has a user account")).toBeVisible();

  await page.getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: `Deactivate Ada ${last}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("Deactivated").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Deactivated by" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: "match" })).toHaveText(
    "That email and password don't match an active account.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin creates a signup-protected company with domains", async ({ page }) => {
  const name = `Protected Works ${run}`;
  await asAdmin(page);
  await page.goto("/companies/new");
  await page.getByLabel("Name (required)").fill(name);
  await page.getByLabel("Email domains").fill("protected.example, @Works.Example");
  await page.getByLabel("Company Signup Protection").check();
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("protected.example, works.example")).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/companies?q=${encodeURIComponent(name.toLowerCase())}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByText("Signup protected")).toBeVisible();
  await page.goto("/pending-signups");
  await expect(page.getByRole("heading", { level: 1, name: "Pending signups" })).toBeVisible();
  await expectAccessible(page);
});

test("staff link a protected company to a foreign email only deliberately, and a rejection asks first", async ({
  page,
  browser,
  baseURL,
}) => {
  const company = `Guarded Guild ${run}`;
  await asAdmin(page);
  await page.goto("/companies/new");
  await page.getByLabel("Name (required)").fill(company);
  await page.getByLabel("Email domains").fill("guarded.example");
  await page.getByLabel("Company Signup Protection").check();
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();

  await page.goto("/people/new");
  await page.getByLabel("First name (required)").fill("Outside");
  await page.getByLabel("Last name (required)").fill(`Linker${run}`);
  await page.getByLabel("Email").fill(`outside-${run}@elsewhere.example`);
  await page.getByLabel("Company").selectOption({ label: company });
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByText(/protects sign-ups/)).toBeVisible();
  await expect(page.getByLabel("Last name (required)")).toHaveValue(`Linker${run}`); // kept
  await expectAccessible(page);
  await page.getByLabel(/Link anyway/).check();
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Outside Linker${run}` })).toBeVisible();
  await expect(page.getByRole("link", { name: company })).toBeVisible();

  // A member asks to join the company from the portal; staff reject, after confirming.
  const visitor = await browser.newContext({ baseURL });
  const signUp = await visitor.newPage();
  await signUp.goto("/compass/sign-up");
  await signUp.getByLabel("First name").fill("Hopeful");
  await signUp.getByLabel("Last name").fill(`Joiner${run}`);
  await signUp.getByLabel("Email").fill(`hopeful-${run}@elsewhere.example`);
  await signUp.getByLabel("Password").fill("a-long-enough-password");
  await signUp.getByLabel("Company (optional)").selectOption({ label: company });
  await signUp.getByRole("button", { name: "Create account" }).click();
  await expect(signUp).toHaveURL(/\/compass$/);
  await visitor.close();

  await page.goto("/pending-signups");
  const reject = page.getByRole("button", { name: `Reject Hopeful Joiner${run}` });
  await reject.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(company);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(reject).toBeVisible(); // nothing happened
  await reject.click();
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(reject).toHaveCount(0);
});

test("an admin creates an event and registers a person", async ({ page }) => {
  const name = `Annual Meeting ${run}`;
  const last = `Registrant${run}`;
  await asAdmin(page);
  await page.goto("/people/new");
  await page.getByLabel("First name (required)").fill("Reg");
  await page.getByLabel("Last name (required)").fill(last);
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Reg ${last}` })).toBeVisible();

  await page.goto("/events/new");
  await page.getByLabel("Name (required)").fill(name);
  await page.getByLabel("Starts (UTC) (required)").fill("2030-06-01T18:00");
  await page.getByLabel("Capacity").fill("50");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByLabel("Find a person to register (name or email)").fill(last.toLowerCase());
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("button", { name: `Register Reg ${last}` }).click();
  await expect(page.getByRole("link", { name: `Reg ${last}` })).toBeVisible();
  await page.getByLabel(`Status for Reg ${last}`, { exact: true }).selectOption("attended");
  await page.getByRole("button", { name: `Update status for Reg ${last}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.goto("/events");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expectAccessible(page);
});

test("an admin adds a membership type, edits a person onto it and sees the change in history", async ({
  page,
}) => {
  const typeName = `Fellow ${run}`;
  const last = `Editee${run}`;
  await asAdmin(page);
  await page.goto("/membership-types");
  const form = page.getByRole("form", { name: "Membership type" });
  await form.getByLabel("Name (required)").fill(typeName);
  await form.getByLabel("Grace days").fill("-3");
  await form.getByRole("button", { name: "Add membership type" }).click();
  await expect(page.getByText("Grace days cannot be negative")).toBeVisible();
  await form.getByLabel("Grace days").fill("14");
  await form.getByRole("button", { name: "Add membership type" }).click();
  await expect(page.getByRole("link", { name: typeName })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/people/new");
  await page.getByLabel("First name (required)").fill("Eddie");
  await page.getByLabel("Last name (required)").fill(last);
  await page.getByRole("button", { name: "Create person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Eddie ${last}` })).toBeVisible();
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Job title").fill("Archivist");
  await page.getByLabel("Membership type").selectOption({ label: typeName });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: `Eddie ${last}`, exact: true })).toBeVisible();
  await expect(page.getByText("Current", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Change history" })).toContainText(
    "jobTitle: (empty) → Archivist",
  );

  await page.goto("/settings/site");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await expectAccessible(page);
});
