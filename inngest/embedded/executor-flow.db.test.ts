// Executor integration (Postgres and PGlite): sleep and waitForEvent timers across a restart, cancelOn,
// cancelling from the UI, concurrency keys, singleton, debounce, cron, and start-up rejection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestDb, type TestDb } from "@/test/db";
import type { Executor } from "./executor";
import { runsOf, settled, startExecutor, testClient, waitFor } from "./testing/harness";

const client = testClient("flow");
const spans: { key: string; start: number; end: number }[] = [];

const patient = client.createFunction(
  { id: "patient", triggers: [{ event: "t/patient" }] },
  async ({ step }) => {
    await step.sleep("nap", "1s");
    const approval = await step.waitForEvent("approval", {
      event: "t/approved",
      match: "data.ticket",
      timeout: "5s",
    });
    const late = await step.waitForEvent("never", { event: "t/never", timeout: "300ms" });
    return { approvedBy: approval?.data.by ?? null, late };
  },
);

const cancellable = client.createFunction(
  {
    id: "cancellable",
    triggers: [{ event: "t/cancellable" }],
    cancelOn: [{ event: "t/stop", match: "data.ticket" }],
  },
  async ({ step }) => {
    await step.sleep("long", "30s");
    return "finished";
  },
);

const limited = client.createFunction(
  { id: "limited", triggers: [{ event: "t/limited" }], concurrency: { limit: 1, key: "event.data.group" } },
  async ({ event, step }) => {
    for (const i of [1, 2])
      await step.run(`work-${i}`, async () => {
        const start = Date.now();
        await sleep(80);
        spans.push({ key: String(event.data.group), start, end: Date.now() });
      });
  },
);

const single = client.createFunction(
  { id: "single", triggers: [{ event: "t/single" }], singleton: { key: "event.data.group", mode: "skip" } },
  async ({ step }) => step.sleep("hold", "500ms"),
);

const debounced = client.createFunction(
  { id: "debounced", triggers: [{ event: "t/edit" }], debounce: { key: "event.data.group", period: "1s" } },
  async ({ event }) => event.data.n,
);

const ticking = client.createFunction(
  { id: "ticking", triggers: [{ cron: "* * * * * *" }] },
  async () => "tick",
);

const all = [patient, cancellable, limited, single, debounced, ticking];
let t: TestDb;
let executor: Executor;
beforeAll(async () => {
  t = await createTestDb();
  executor = await startExecutor(t, client, all);
});
afterAll(async () => {
  await executor.stop();
  await t.close();
});

describe("flow control", () => {
  it("keeps sleep and waitForEvent state across an executor restart", async () => {
    await client.send({ name: "t/patient", data: { ticket: "A" } });
    await client.send({ name: "t/patient", data: { ticket: "B" } });
    await sleep(200);
    await executor.stop(); // "crash" during the sleep: all state is in the database
    executor = await startExecutor(t, client, all);
    await waitFor(async () => (await t.sql`select count(*)::int as n from wf_waits`)[0].n === 2);
    await client.send({ name: "t/approved", data: { ticket: "B", by: "bob" } });
    const runs = await settled(t, "flow-patient", 2, 20_000);
    const byTicket = Object.fromEntries(runs.map((r) => [(r.event.data as { ticket: string }).ticket, r]));
    expect(byTicket.B.output).toEqual({ approvedBy: "bob", late: null });
    expect(byTicket.A.output).toEqual({ approvedBy: null, late: null }); // its wait timed out
  });

  it("cancels on a matching event and from the UI", async () => {
    await client.send({ name: "t/cancellable", data: { ticket: 1 } });
    await client.send({ name: "t/cancellable", data: { ticket: 2 } });
    await client.send({ name: "t/cancellable", data: { ticket: 3 } });
    await waitFor(
      async () => (await runsOf(t, "flow-cancellable")).filter((r) => r.status === "running").length === 3,
    );
    await client.send({ name: "t/stop", data: { ticket: 2 } });
    const runs = await runsOf(t, "flow-cancellable");
    const two = runs.find((r) => (r.event.data as { ticket: number }).ticket === 2)!;
    expect(two.status).toBe("cancelled");
    const one = runs.find((r) => (r.event.data as { ticket: number }).ticket === 1)!;
    expect(await executor.cancel(one.id)).toBe(true);
    expect(await executor.cancel(one.id)).toBe(false);
    const after = await runsOf(t, "flow-cancellable");
    expect(after.map((r) => r.status).sort()).toEqual(["cancelled", "cancelled", "running"]);
    const three = after.find((r) => r.status === "running")!;
    await executor.cancel(three.id);
  });

  it("limits executing steps per concurrency key, not across keys", async () => {
    await client.send(["a", "a", "a", "b"].map((group) => ({ name: "t/limited", data: { group } })));
    await settled(t, "flow-limited", 4);
    const a = spans.filter((s) => s.key === "a").sort((x, y) => x.start - y.start);
    for (let i = 1; i < a.length; i++) expect(a[i].start).toBeGreaterThanOrEqual(a[i - 1].end);
    const b = spans.filter((s) => s.key === "b");
    expect(b.some((s) => a.some((x) => s.start < x.end && x.start < s.end))).toBe(true);
  });

  it("skips a run while another with the same singleton key is active", async () => {
    await client.send({ name: "t/single", data: { group: "g" } });
    await client.send({ name: "t/single", data: { group: "g" } });
    await client.send({ name: "t/single", data: { group: "h" } });
    const runs = await settled(t, "flow-single", 2);
    expect(runs).toHaveLength(2);
  });

  it("debounces a burst into one run with the last event", async () => {
    // One batch, so the burst is shorter than the period even on a loaded machine.
    await client.send([1, 2, 3].map((n) => ({ name: "t/edit", data: { group: "x", n } })));
    await client.send({ name: "t/edit", data: { group: "y", n: 9 } });
    const runs = await settled(t, "flow-debounced", 2);
    await sleep(600);
    expect((await runsOf(t, "flow-debounced")).map((r) => r.output).sort()).toEqual([3, 9]);
    expect(runs).toHaveLength(2);
  });

  it("runs cron triggers", async () => {
    const [run] = await settled(t, "flow-ticking", 1, 5_000);
    expect(run.trigger).toBe("cron * * * * * *");
    expect(run.output).toBe("tick");
  });

  it("refuses to start with an option it cannot honour, naming function and option", async () => {
    const throttled = client.createFunction(
      { id: "throttled", triggers: [{ event: "t/x" }], throttle: { limit: 1, period: "1s" } },
      async () => null,
    );
    await expect(startExecutor(t, client, [throttled], { registerEventSink: false })).rejects.toThrow(
      /"flow-throttled": option "throttle"/,
    );
  });
});
