// Webhooks end to end: a key with a webhook URL; a person created through the API reaches a receiver
// (in this test process) signed per Standard Webhooks, through the site's embedded workflow executor;
// the endpoint's delivery log shows it; Replay sends it again; Send test event and secret rotation work.
import http from "node:http";
import { Webhook } from "standardwebhooks";
import { expect, expectAccessible, signInAsAdmin, test } from "./fixtures";

type Got = { id: string; headers: Record<string, string>; body: string };

test("a change reaches the receiver signed, is logged, and can be replayed", async ({ page }) => {
  const received: Got[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ id: String(req.headers["webhook-id"]), headers: req.headers as never, body });
      res.writeHead(200).end("received");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
  try {
    await signInAsAdmin(page);
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    // The receiver is on loopback: allowed only by the site setting (off by default). Staging holds
    // deliveries, so the site is launched.
    await page.goto("/settings/site");
    await page.getByLabel("Site is launched").check();
    await page.getByLabel("Allow private webhook targets").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

    await page.goto("/settings/api-keys/new");
    await page.getByLabel("Name").fill("Webhook partner");
    await page.getByLabel("Webhook endpoint URL(s)").fill(url);
    await page.getByRole("button", { name: "Save & Close" }).click();
    const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
    await page.getByRole("link", { name: "Continue to the key page" }).click();
    await page.getByRole("link", { name: "Delivery log and tools" }).click();
    await expect(page.getByText("No deliveries yet")).toBeVisible();
    await page.getByRole("button", { name: "Reveal signing secret" }).click();
    const signing = (await page.locator("code", { hasText: "whsec_" }).textContent())!.trim();

    const created = await page.request.post("/api/v1/people", {
      headers: { authorization: `Bearer ${secret}` },
      data: { first_name: "Hook", last_name: "Receiver", email: `hook-${Date.now()}@example.org` },
    });
    expect(created.status()).toBe(201);
    const personId = (await created.json()).data.id;

    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const first = received[0];
    const message = new Webhook(signing).verify(first.body, first.headers) as {
      type: string;
      data: { id: string };
    };
    expect(message).toMatchObject({ type: "person.created", data: { id: personId } });

    await page.reload();
    const row = page.getByTestId("delivery-row").first();
    await expect(row).toContainText("person.created");
    await expect(row).toContainText("Delivered");
    await row.getByText("Payload and attempts").click();
    await expect(row).toContainText(first.id);
    await expectAccessible(page);

    await row.getByRole("button", { name: /Replay delivery/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "Queued for delivery." })).toBeVisible();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(2);
    expect(received[1].body).toBe(first.body);
    expect(received[1].id).not.toBe(first.id);

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Answered 200")).toBeVisible();

    await page.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = (await page.getByTestId("rotated-secret").textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(signing);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("an endpoint a key registers through the API gets signed webhooks, shows on the key page and can be removed", async ({
  page,
}) => {
  const received: Got[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ id: String(req.headers["webhook-id"]), headers: req.headers as never, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/feed-hooks`;
  try {
    await signInAsAdmin(page);
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto("/settings/site");
    await page.getByLabel("Site is launched").check();
    await page.getByLabel("Allow private webhook targets").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

    await page.goto("/settings/api-keys/new");
    await page.getByLabel("Name").fill("Affiliate feed");
    await page.getByRole("button", { name: "Save & Close" }).click();
    const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
    const auth = { authorization: `Bearer ${secret}` };

    const info = await page.request.get("/api/v1/key", { headers: auth });
    expect((await info.json()).data).toMatchObject({
      key: { name: "Affiliate feed" },
      site: { launched: true },
    });
    const registered = await page.request.post("/api/v1/webhook-endpoints", {
      headers: auth,
      data: { url, description: "API feed of South Chapter" },
    });
    expect(registered.status()).toBe(201);
    const signing = (await registered.json()).data.secret as string;

    const created = await page.request.post("/api/v1/people", {
      headers: auth,
      data: { first_name: "Fed", last_name: "Through", email: `fed-${Date.now()}@example.org` },
    });
    const personId = (await created.json()).data.id;
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const message = new Webhook(signing).verify(received[0].body, received[0].headers) as {
      data: { id: string };
    };
    expect(message.data.id).toBe(personId);

    await page.getByRole("link", { name: "Continue to the key page" }).click();
    const item = page.getByRole("listitem").filter({ hasText: url });
    await expect(item.getByText("Registered through the API")).toBeVisible();
    await expect(item).toContainText("API feed of South Chapter");
    await expectAccessible(page);
    await item.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove endpoint" }).click();
    await expect(page.getByText(url)).toHaveCount(0);
    expect(
      (await (await page.request.get("/api/v1/webhook-endpoints", { headers: auth })).json()).data,
    ).toEqual([]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
