// API keys end to end: create a key with a group and fields (Save & Close shows it once on the list),
// edit it from the list, preview it, call the API with it, roll it (the old key works during the grace),
// delete it from the list after a confirmation that names what it revokes (then the API refuses it).
import { cli } from "./cli";
import { expect, expectAccessible, signInAsAdmin, test } from "./fixtures";

test("an API key from creation to deletion", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  cli("seed-demo", "--people", "20");
  const group = cli<{ id: string }>("group", "create", "--name", "API partners", "--types", "people");

  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/settings/api-keys");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add API key" }).click();
  await page.getByLabel("Name").fill("Partner association");
  await page.getByLabel("Limit Member Data").check();
  await page.getByLabel("Available group").selectOption(group.id);
  await page.getByLabel("Email", { exact: true }).check();
  await expect(page.getByLabel("First name")).toBeChecked();
  await expect(page.getByLabel("First name")).toBeDisabled();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save & Close" }).click();

  // Back on the list, which shows the new key this once.
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByText("“Partner association” was added.")).toBeVisible();
  const shown = page.getByTestId("api-key-secret");
  await expect(shown).toContainText("gk_");
  const secret = (await shown.textContent())!.trim();
  await page.getByRole("button", { name: "Copy API key" }).click();
  await expect(page.getByRole("button", { name: "Copied API key" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectAccessible(page);
  // Once: the server forgets it as soon as it is on screen, and a reload does not show it again.
  await expect
    .poll(async () => (await context.cookies()).some((c) => c.name === "gh_new_api_key"))
    .toBe(false);
  await page.reload();
  await expect(page.getByRole("link", { name: "Partner association", exact: true })).toBeVisible();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // Edit from the list; Save & Close comes back to it with a notice.
  await page.getByRole("link", { name: "Edit Partner association" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Partner association");
  await page.getByLabel("Name", { exact: true }).fill("Partner association A");
  await page.getByRole("button", { name: "Save & Close" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys\?saved=/);
  await expect(page.getByText("“Partner association A” was saved.")).toBeVisible();

  await page.getByRole("link", { name: "Partner association A", exact: true }).click();
  await expect(page.getByTestId("preview-fields")).toHaveText("email");
  const count = Number(await page.getByTestId("preview-count").textContent());
  expect(count).toBeGreaterThan(0);
  const sample = JSON.parse((await page.getByTestId("preview-sample").textContent())!);
  expect(Object.keys(sample).sort()).toEqual([
    "email",
    "first_name",
    "id",
    "last_name",
    "type",
    "updated_at",
  ]);
  await expectAccessible(page);
  // Shown once: the key page and the list show only its prefix and last four characters.
  expect(await page.content()).not.toContain(secret);

  const res = await page.request.get("/api/v1/members?limit=200", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.data.length).toBe(Math.min(count, 200));
  for (const m of body.data) expect(Object.keys(m).sort()).toEqual(Object.keys(sample).sort());
  const events = await page.request.get("/api/v1/events", { headers: { authorization: `Bearer ${secret}` } });
  expect(events.status()).toBe(200);

  // Roll with the default 1 h grace: a new key is shown once, the old one keeps working meanwhile.
  await page.getByRole("button", { name: "Roll key" }).click();
  const rolled = (await page.getByTestId("api-key-secret").textContent())!.trim();
  expect(rolled).toMatch(/^gk_/);
  expect(rolled).not.toBe(secret);
  for (const k of [secret, rolled])
    expect(
      (await page.request.get("/api/v1/members", { headers: { authorization: `Bearer ${k}` } })).status(),
    ).toBe(200);

  await page.goto("/api-reference");
  await expect(page.getByText("/api/v1/members/{id}").first()).toBeVisible();

  // Delete from the list row: the confirmation names the key and what deleting it revokes.
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Delete Partner association A" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Anyone using “Partner association A” loses access at once");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Delete key" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys\?deleted=/);
  await expect(page.getByText("“Partner association A” was deleted")).toBeVisible();
  await expect(page.getByRole("main").getByText("No API keys yet")).toBeVisible();
  const refused = await page.request.get("/api/v1/members", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({
    error: { code: "unauthorized", message: "This API key is not valid: it is unknown, revoked or expired." },
  });
});

test("a refused key keeps what was typed and names every bad webhook URL", async ({ page }) => {
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/settings/api-keys/new");
  const urls = "http://10.0.0.7/hook\nhttps://hooks.partner-not-live.invalid/ok\nftp://files.invalid/x";
  await page.getByLabel("Name").fill("Keeps typing");
  await page.getByLabel("Webhook endpoint URL(s)").fill(urls);
  await page.getByLabel("Event data").uncheck();
  await page.getByRole("button", { name: "Save & Close" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Please correct the fields marked below.");
  await expect(page.getByLabel("Name")).toHaveValue("Keeps typing");
  await expect(page.getByLabel("Webhook endpoint URL(s)")).toHaveValue(urls);
  await expect(page.getByLabel("Event data")).not.toBeChecked();
  const error = page.locator("#webhookUrls-error");
  await expect(error).toContainText("Line 1:");
  await expect(error).toContainText("Line 3:");
  await expect(error).not.toContainText("Line 2:"); // a name that does not resolve yet is fine at save
  await expectAccessible(page);

  // Fixed: the not-yet-live partner URL saves.
  await page.getByLabel("Webhook endpoint URL(s)").fill("https://hooks.partner-not-live.invalid/ok");
  await page.getByRole("button", { name: "Save & Close" }).click();
  await expect(page.getByTestId("api-key-secret")).toContainText("gk_");
  // Removed again: the name never resolves, and later specs launch the site (deliveries would try it).
  await page.getByRole("link", { name: "Continue to the key page" }).click();
  await expect(page.getByRole("heading", { name: "Keeps typing" })).toBeVisible();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys\?deleted=/);
});
