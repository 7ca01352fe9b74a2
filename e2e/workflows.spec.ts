// Workflows screen against the real site and its embedded executor: runs list and filters, a run's
// live page, Cancel (with confirmation) and Retry. Runs are started with the real CLI.
import type { Page } from "@playwright/test";
import { test, expect, signInAsAdmin, expectAccessible } from "./fixtures";
import { cli } from "./cli";

const send = (data: Record<string, unknown>) =>
  cli<{ id: string }>("workflow", "send", "guildhall/demo.requested", "--data", JSON.stringify(data));

type Run = { id: string; status: string; fnId: string };
const runs = (): Run[] => cli<Run[]>("workflow", "runs");
/** The run started by the event we just sent (the newest run not seen before). */
async function newRun(before: Set<string>): Promise<Run> {
  let found: Run | undefined;
  await expect.poll(() => (found = runs().find((r) => !before.has(r.id))), { timeout: 20_000 }).toBeTruthy();
  return found!;
}
const known = () => new Set(runs().map((r) => r.id));

async function signIn(page: Page) {
  await signInAsAdmin(page);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

test("lists runs, shows a run's steps, filters by status", async ({ page }) => {
  const before = known();
  send({ steps: 2 });
  const run = await newRun(before);
  await signIn(page);
  await page.goto(`/workflows/${run.id}`);
  await expect(page.getByRole("heading", { name: "guildhall-demo" })).toBeVisible();
  await expect(page.getByText("completed").first()).toBeVisible({ timeout: 20_000 });
  const steps = page.getByRole("table", { name: "Steps of this run, in order" });
  await expect(steps.getByRole("row")).toHaveCount(3);
  await expect(steps.getByRole("row").nth(1)).toContainText("step-1");
  await expect(steps.getByRole("row").nth(2)).toContainText("step-2");
  await expectAccessible(page);

  await page.getByRole("link", { name: "← All runs" }).click();
  await expect(page.getByRole("table", { name: "Workflow runs" })).toContainText("guildhall/demo.requested");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(
    page.getByRole("table", { name: "Workflow runs" }).getByRole("link", { name: "guildhall-demo" }),
  ).toHaveCount(runs().filter((r) => r.status === "failed").length);
  await expectAccessible(page);
});

test("cancels a running run after confirmation", async ({ page }) => {
  const before = known();
  send({ steps: 2, sleep: "10m" });
  const run = await newRun(before);
  await signIn(page);
  await page.goto(`/workflows/${run.id}`);
  await expect(page.getByRole("table", { name: "Steps of this run, in order" })).toContainText("waiting", {
    timeout: 20_000,
  });
  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByText("cancelled").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  expect(runs().find((r) => r.id === run.id)?.status).toBe("cancelled");
});

test("retries a failed run as a new run", async ({ page }) => {
  const before = known();
  send({ steps: 1, fail: true });
  const run = await newRun(before);
  await signIn(page);
  await page.goto(`/workflows/${run.id}`);
  // Two retries with the default backoff: the run fails after a few seconds; the page follows it live.
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible({ timeout: 40_000 });
  await expect(page.getByLabel("Error of step-1")).toContainText("failed on purpose");
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page).not.toHaveURL(new RegExp(run.id));
  await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "guildhall-demo" })).toBeVisible();
});

test("the run data route is for admins only", async ({ request }) => {
  const [run] = runs();
  const res = await request.get(`/workflows/${run?.id ?? "x"}/data`);
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthorized");
});
