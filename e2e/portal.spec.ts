// The member portal: sign-up under Company Signup Protection, staff approval, and a member's limits.
import { ADMIN, cli } from "./cli";
import { expect, expectAccessible, signIn, test } from "./fixtures";

type Seeded = {
  sample: {
    protectedCompany: { id: string; name: string; domain: string };
    member: { id: string; email: string };
  };
};

const uniq = `${Date.now() % 1_000_000_000}`;
const member = {
  first: "Pat",
  last: `Pending${uniq}`,
  email: `pat.${uniq}@foreign-domain.example`,
  password: "member-password-123",
};

test("a member signs up under a protected company, waits, is approved, and sees only their own data", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A few demo records with a unique seed (every spec shares one database).
  const seeded = cli<Seeded>("seed-demo", "--people", "5", "--seed", uniq);
  const company = seeded.sample.protectedCompany;
  const other = seeded.sample.member;

  await page.goto("/compass/sign-up");
  await expectAccessible(page);
  // Bad input is refused naming the field.
  await page.getByLabel("First name").fill(member.first);
  await page.getByLabel("Last name").fill(member.last);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters");

  await page.getByLabel("Password").fill(member.password);
  await page.getByLabel("Company (optional)").selectOption(company.id);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/compass$/);
  await expect(page.getByRole("status").filter({ hasText: "Waiting for approval" })).toContainText(
    company.name,
  );
  await expectAccessible(page);

  await page.getByRole("link", { name: "Memberships" }).click();
  await expect(page.getByRole("heading", { name: "Memberships" })).toBeVisible();
  await expect(page.getByText(`Requested: ${company.name}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Events" }).click();
  await expect(page.getByText("No event registrations yet")).toBeVisible();
  await expectAccessible(page);

  // Profile: editable fields save; a crafted field naming another person's id is refused.
  await page.getByRole("link", { name: "Profile" }).click();
  await expectAccessible(page);
  await page.getByLabel("Job title").fill("Treasurer");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Job title")).toHaveValue("Treasurer");
  await page.evaluate((otherId) => {
    const form = document.querySelector("main form")!;
    for (const [name, value] of [
      ["id", otherId],
      ["email", "stolen@example.org"],
    ]) {
      const input = Object.assign(document.createElement("input"), { type: "hidden", name, value });
      form.appendChild(input);
    }
  }, other.id);
  await page.getByLabel("Job title").fill("Hijacked");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not editable here" })).toContainText("id, email");
  await page.reload();
  await expect(page.getByLabel("Job title")).toHaveValue("Treasurer");
  // An id in the URL is ignored: the portal only ever shows the signed-in person.
  await page.goto(`/compass/profile?id=${other.id}&personId=${other.id}`);
  await expect(page.getByLabel("Last name")).toHaveValue(member.last);

  // Staff screens and other people's records are closed to members.
  for (const url of ["/people", `/people/${other.id}`, "/pending-signups"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(page.getByText(other.email)).toHaveCount(0);
  }

  // Staff approve the pending link.
  await page.goto("/compass");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/people/);
  await page.goto("/pending-signups");
  await page.getByRole("button", { name: `Approve ${member.first} ${member.last}` }).click();
  await expect(page.getByRole("button", { name: `Approve ${member.first} ${member.last}` })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  // The member now sees the company and no notice.
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/compass$/);
  await expect(page.getByText("Waiting for approval")).toHaveCount(0);
  await page.goto("/compass/memberships");
  await expect(page.getByRole("definition").filter({ hasText: company.name })).toBeVisible();
});

test("the portal sends strangers to sign in", async ({ page }) => {
  await page.goto("/compass/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcompass%2Fprofile/);
});
