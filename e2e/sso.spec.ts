// SSO in a real browser: a member signs in to a partner site with Guildhall; staff set up a client,
// copy its secret once and run Test sign-in.
import { expect, expectAccessible, test } from "./fixtures";
import { cliAsync, createMember, ISSUER, PASSWORD, signInStaff, uniq } from "./sso-helpers";
import { startTestRp, type TestRp } from "./sso-test-rp";

let rp: TestRp;
test.beforeAll(async () => {
  rp = await startTestRp(ISSUER, 3295, (redirectUri) =>
    cliAsync<{ client_id: string; client_secret: string }>(
      "sso-client",
      "create",
      "--name",
      `Partner ${uniq()}`,
      "--redirect-uri",
      redirectUri,
    ),
  );
});
test.afterAll(() => rp.close());

test("a member clicks 'Sign in with Guildhall', signs in and lands back signed in", async ({ page }) => {
  const m = await createMember("Katherine", `Johnson${uniq()}`);
  await page.goto(rp.url);
  await page.getByRole("link", { name: "Sign in with Guildhall" }).click();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expectAccessible(page);
  await page.getByLabel("Email").fill(m.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as Katherine ${m.last}`)).toBeVisible();
  expect(page.url().startsWith(rp.url)).toBe(true);
});

test("an account that is not a member sees why, and can return to the partner", async ({ page }) => {
  await signInStaff(page);
  await page.goto(`${rp.url}/login`);
  await expect(page.getByRole("heading", { name: /You can't sign in to/ })).toBeVisible();
  await expect(page.getByText("staff account without a member record")).toBeVisible();
  await expectAccessible(page);
  const back = await page.getByRole("link", { name: /Return to/ }).getAttribute("href");
  expect(new URL(back!).searchParams.get("error")).toBe("access_denied");
});

test("staff create a client, copy the secret once, and run Test sign-in", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ISSUER });
  const m = await createMember("Dorothy", `Vaughan${uniq()}`);
  const name = `Mobilize ${uniq()}`;
  await signInStaff(page);
  await page.goto("/settings/sso-clients");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add SSO client" }).click();
  await page.getByLabel("Name").fill(name);
  // Bad redirect URL: refused with a message naming the field.
  await page.getByLabel("Valid redirect URLs").fill("http://partner.example.com/cb");
  await page.getByRole("button", { name: "Save SSO client" }).click();
  await expect(page.locator("#redirectUris-error")).toContainText("must use https://");
  await page
    .getByLabel("Valid redirect URLs")
    .fill("https://my_community.mobilize.io/users/auth/openidconnect/callback");
  await page.getByRole("button", { name: "Save SSO client" }).click();
  await expect(page.getByText("Copy the secret key now")).toBeVisible();
  await expectAccessible(page);
  const secret = await page.locator("code").nth(1).innerText();
  await page.getByRole("button", { name: "Copy Secret key" }).click();
  await expect(page.getByRole("button", { name: "Copied Secret key" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  await page.getByRole("link", { name: "Continue to the client's setup values" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText(`${ISSUER}/.well-known/openid-configuration`)).toBeVisible();
  await expect(page.getByText("Post Body (client_secret_post)")).toBeVisible();
  expect(await page.content()).not.toContain(secret); // shown once only
  await expectAccessible(page);

  const [tab] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("link", { name: "Test sign-in" }).click(),
  ]);
  await tab.getByLabel("Email").fill(m.email);
  await tab.getByLabel("Password").fill(PASSWORD);
  await tab.getByRole("button", { name: "Sign in" }).click();
  await expect(tab.getByRole("heading", { name: "Test sign-in succeeded" })).toBeVisible();
  const claims = JSON.parse(await tab.getByLabel("ID token claims").innerText());
  expect(claims).toMatchObject({ sub: m.personId, iss: ISSUER, given_name: "Dorothy", email: m.email });
  await expectAccessible(tab);

  // Deleting asks for confirmation first (the member session replaced staff's: sign in again).
  await signInStaff(page);
  await page.goto("/settings/sso-clients");
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Delete SSO client" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/settings\/sso-clients$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("a member cannot open the SSO client screens", async ({ page }) => {
  const m = await createMember("Mary", `Jackson${uniq()}`);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(m.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  for (const path of ["/settings/sso-clients", "/settings/sso-clients/new"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add SSO client" })).toHaveCount(0);
  }
});

test("RP-initiated logout signs the member out and returns only to a registered address", async ({
  page,
}) => {
  const m = await createMember("Annie", `Easley${uniq()}`);
  const bye = `${rp.url}/bye`;
  const c = await cliAsync<{ client_id: string }>(
    "sso-client",
    "create",
    "--name",
    `Logout ${uniq()}`,
    "--redirect-uri",
    `${rp.url}/cb2`,
    "--post-logout-uri",
    bye,
  );
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(m.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  const endSession = (target: string) =>
    `/api/oidc/end-session?${new URLSearchParams({ client_id: c.client_id, post_logout_redirect_uri: target, state: "zz" })}`;
  await page.goto(endSession("https://evil.example.com/"));
  await expect(page.getByRole("heading", { name: "Sign-out request not accepted" })).toBeVisible();
  // No id_token_hint: a plain link must not sign the member out (logout CSRF), so they confirm first.
  await page.goto(endSession(bye));
  await expect(page.getByRole("heading", { name: /^Sign out of .+\?$/ })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/compass");
  await expect(page).toHaveURL(/\/compass/); // still signed in
  await page.goto(endSession(bye));
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${bye}?state=zz`);
  // Signed out of Guildhall: the partner's next sign-in asks for the password again.
  await page.goto(`${rp.url}/login`);
  await expect(page).toHaveURL(/\/sign-in\?/);
});
