// Executor integration (Postgres and PGlite): steps, retries with backoff, RetryAfterError,
// NonRetriableError, onFailure, parallel steps, fan-out through sendEvent and invoke, checkpointed steps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NonRetriableError, RetryAfterError } from "inngest";
import { createTestDb, type TestDb } from "@/test/db";
import type { Executor } from "./executor";
import { settled, startExecutor, stepsOf, testClient } from "./testing/harness";

const client = testClient("basics");
const seen: Record<string, number[]> = {};
const note = (k: string, attempt: number) => (seen[k] ??= []).push(attempt);
const retryAt: number[] = [];
const failures: unknown[] = [];

const retrying = client.createFunction(
  { id: "retrying", triggers: [{ event: "t/retrying" }], retries: 3 },
  async ({ step, attempt }) => {
    const v = await step.run("sometimes", () => {
      note("sometimes", attempt);
      if (attempt < 2) throw new Error(`boom ${attempt}`);
      return attempt;
    });
    return { v };
  },
);

const retryAfter = client.createFunction(
  { id: "retry-after", triggers: [{ event: "t/retry-after" }], retries: 1 },
  async ({ step, attempt }) =>
    step.run("later", () => {
      retryAt.push(Date.now());
      if (attempt === 0) throw new RetryAfterError("not yet", 1_000);
      return "ok";
    }),
);

const doomed = client.createFunction(
  {
    id: "doomed",
    triggers: [{ event: "t/doomed" }],
    retries: 2,
    onFailure: async ({ event, error }) => {
      failures.push({ fn: event.data.function_id, message: error.message });
    },
  },
  async ({ step, attempt }) => {
    await step.run("always-fails", () => {
      note("always-fails", attempt);
      throw new Error("never works");
    });
  },
);

const fatal = client.createFunction(
  { id: "fatal", triggers: [{ event: "t/fatal" }], retries: 5 },
  async ({ step, attempt }) => {
    await step.run("give-up", () => {
      note("give-up", attempt);
      throw new NonRetriableError("permanent");
    });
  },
);

const child = client.createFunction(
  { id: "child", triggers: [{ event: "t/child" }] },
  async ({ event, step }) => {
    const n = Number(event.data.n ?? 0);
    return step.run("double", () => n * 2);
  },
);

const fanout = client.createFunction(
  { id: "fanout", triggers: [{ event: "t/fanout" }] },
  async ({ step }) => {
    const [x, y] = await Promise.all([step.run("left", () => "L"), step.run("right", () => "R")]);
    await step.sendEvent(
      "spawn",
      [1, 2, 3].map((n) => ({ name: "t/child", data: { n }, id: `spawn-${n}` })),
    );
    const doubled = await step.invoke("call-child", { function: child, data: { n: 21 } });
    const after = await step.run("after", () => `${x}${y}`);
    return { doubled, after };
  },
);

// Each step returns how many of its run's steps were stored when it started; the body counts its calls.
let bodyCalls = 0;
const storedSoFar = async (runId: string) => {
  const [r] =
    await t.sql`select count(*)::int as n from wf_steps where run_id = ${runId} and memo is not null`;
  return r.n as number;
};
const sequence = client.createFunction(
  { id: "sequence", triggers: [{ event: "t/sequence" }] },
  async ({ runId, step }) => {
    bodyCalls++;
    const seen = [];
    for (const id of ["a", "b", "c"]) seen.push(await step.run(id, () => storedSoFar(runId)));
    return seen;
  },
);

const cancelledMidCall: string[] = [];
const cancelsItself = client.createFunction(
  { id: "cancels-itself", triggers: [{ event: "t/cancels-itself" }] },
  async ({ runId, step }) => {
    await step.run("first", async () => {
      cancelledMidCall.push("first");
      await executor.cancel(runId);
    });
    await step.run("second", () => cancelledMidCall.push("second"));
  },
);

let t: TestDb;
let executor: Executor;
beforeAll(async () => {
  t = await createTestDb();
  executor = await startExecutor(t, client, [
    retrying,
    retryAfter,
    doomed,
    fatal,
    child,
    fanout,
    sequence,
    cancelsItself,
  ]);
});
afterAll(async () => {
  await executor.stop();
  await t.close();
});

describe("embedded executor", () => {
  it("retries a failing step with backoff and memoizes the others", async () => {
    await client.send({ name: "t/retrying", data: {} });
    const [run] = await settled(t, "basics-retrying");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ v: 2 });
    expect(seen.sometimes).toEqual([0, 1, 2]);
    const steps = await stepsOf(t, run.id);
    expect(steps.map((s) => [s.name, s.status, s.attempts])).toEqual([["sometimes", "completed", 3]]);
  });

  it("honours RetryAfterError", async () => {
    await client.send({ name: "t/retry-after", data: {} });
    const [run] = await settled(t, "basics-retry-after");
    expect(run.status).toBe("completed");
    expect(retryAt[1] - retryAt[0]).toBeGreaterThanOrEqual(950);
  });

  it("fails a step that never works after its retries and runs onFailure", async () => {
    await client.send({ name: "t/doomed", data: {} });
    const [run] = await settled(t, "basics-doomed");
    expect(run.status).toBe("failed");
    expect(seen["always-fails"]).toEqual([0, 1, 2]);
    await settled(t, "basics-doomed-failure");
    expect(failures).toEqual([{ fn: "basics-doomed", message: "never works" }]);
  });

  it("does not retry NonRetriableError", async () => {
    await client.send({ name: "t/fatal", data: {} });
    const [run] = await settled(t, "basics-fatal");
    expect(run.status).toBe("failed");
    expect(seen["give-up"]).toEqual([0]);
  });

  it("runs parallel steps, fans out through sendEvent (deduplicated by id) and invoke", async () => {
    await client.send({ name: "t/fanout", data: {}, id: "fanout-1" });
    await client.send({ name: "t/fanout", data: {}, id: "fanout-1" }); // same id: ignored
    const [run] = await settled(t, "basics-fanout");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ doubled: 42, after: "LR" });
    const children = await settled(t, "basics-child", 4);
    expect(children).toHaveLength(4);
    expect(children.map((c) => c.output).sort()).toEqual([2, 4, 42, 6]);
    const steps = await stepsOf(t, run.id);
    expect(steps.map((s) => s.name).sort()).toEqual(["after", "call-child", "left", "right", "spawn"]);
  });

  it("runs a run's steps in one call, storing each result before the next step starts", async () => {
    await client.send({ name: "t/sequence", data: {} });
    const [run] = await settled(t, "basics-sequence");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual([0, 1, 2]);
    expect(bodyCalls).toBe(1); // checkpointed: no replay of the function per step
    const steps = await stepsOf(t, run.id);
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ["a", "completed"],
      ["b", "completed"],
      ["c", "completed"],
    ]);
  });

  it("stops a checkpointing call whose run was cancelled meanwhile: the next step never runs", async () => {
    await client.send({ name: "t/cancels-itself", data: {} });
    const [run] = await settled(t, "basics-cancels-itself");
    expect(run.status).toBe("cancelled");
    await executor.stop(); // waits for the call in flight: had the SDK gone on, "second" would have run
    expect(cancelledMidCall).toEqual(["first"]);
    expect(await t.sql`select id from wf_jobs where run_id = ${run.id}`).toHaveLength(0);
  });
});
