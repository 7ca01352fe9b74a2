// The API reference renders the served OpenAPI document: an operation expands to its schema and example,
// the webhooks are described, and "Try it out" calls this site's API with a key the reader pastes.
import { cli } from "./cli";
import { expect, signInAsAdmin, test } from "./fixtures";

test("staff expand an operation, see its schema and example, and try it with a pasted key", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const { key } = cli<{ key: string }>("api-key", "create", "--name", `Reference reader ${Date.now()}`);

  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await page.goto("/api-reference");
  const op = page.locator("#operations-default-listMembers");
  await expect(op).toBeVisible();
  await op.locator(".opblock-summary-control").click();
  // The example response and, on its tab, the schema.
  await expect(op.locator("tr.response").first()).toContainText("A page");
  await expect(op.locator(".microlight").first()).toContainText("next_cursor");
  await op.getByRole("tab", { name: "Schema" }).first().click();
  await expect(op.locator(".model-box").first()).toContainText("MemberList");
  // Every event a receiver gets is described.
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^POST person A person changed/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^POST event An event changed/ })).toBeVisible();

  // Try it out against this site, authorized with the pasted key.
  await page.getByRole("button", { name: "Authorize" }).first().click();
  const dialog = page.locator(".modal-ux");
  await dialog.locator("input").first().fill(key);
  await dialog.locator("button.authorize").click();
  await dialog.locator("button.btn-done").click();
  await op.getByRole("button", { name: "Try it out" }).click();
  await op.getByRole("button", { name: "Execute" }).click();
  await expect(op.locator(".live-responses-table tr.response .response-col_status").first()).toHaveText(
    "200",
  );
  expect(errors).toEqual([]);
});
