// Protocol contract: what the pinned inngest SDK answers to the calls the embedded executor makes. An SDK
// upgrade that changes any of this fails here, not in production (see docs/workflows.md).
import { createHash } from "node:crypto";
import { NonRetriableError, RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { openCheckpoints } from "./checkpoint";
import { embeddedFetch } from "./event-api";
import { createTransport } from "./transport";
import { testClient } from "./testing/harness";

const client = testClient("contract");
const child = client.createFunction({ id: "child", triggers: [{ event: "c/child" }] }, async () => "child");
const fn = client.createFunction(
  {
    id: "scenario",
    triggers: [{ event: "c/go" }],
    retries: 2,
    cancelOn: [{ event: "c/stop", match: "data.id" }],
    onFailure: async () => null,
  },
  async ({ event, step }) => {
    const mode = event.data.mode as string;
    if (mode === "throw") throw new Error("outside steps");
    if (mode === "fatal") throw new NonRetriableError("fatal outside steps");
    await step.run("one", () =>
      mode === "retry-after" ? Promise.reject(new RetryAfterError("wait", "7s")) : 1,
    );
    if (mode === "fail") await step.run("bad", () => Promise.reject(new Error("bad step")));
    await Promise.all([step.run("p1", () => "a"), step.run("p2", () => "b")]);
    await step.sleep("nap", "2s");
    await step.waitForEvent("wait", { event: "c/approve", match: "data.id", timeout: "1h" });
    await step.invoke("call", { function: child, data: { x: 1 } });
    return "done";
  },
);
const log: string[] = [];
const steady = client.createFunction(
  { id: "steady", triggers: [{ event: "c/steady" }] },
  async ({ step }) => {
    const a = await step.run("a", () => (log.push("run a"), 1));
    const b = await step.run("b", () => (log.push("run b"), 2));
    return a + b;
  },
);
const transport = createTransport(client, [fn, child, steady]);
const hash = (id: string) => createHash("sha1").update(id).digest("hex");
const event = (mode = "ok") => ({ name: "c/go", data: { mode, id: 7 } });

function call(
  mode: string,
  steps: Record<string, unknown>,
  opts: { stepId?: string; attempt?: number; disable?: boolean } = {},
) {
  const e = event(mode);
  return transport.call("contract-scenario", opts.stepId ?? "step", {
    event: e,
    events: [e],
    version: -1,
    steps,
    ctx: {
      run_id: "run-1",
      attempt: opts.attempt ?? 0,
      max_attempts: 3,
      disable_immediate_execution: opts.disable ?? false,
      use_api: false,
      stack: { stack: Object.keys(steps), current: Object.keys(steps).length },
    },
  });
}

const upToSleep = { [hash("one")]: { data: 1 }, [hash("p1")]: { data: "a" }, [hash("p2")]: { data: "b" } };

describe("inngest SDK protocol (pinned version)", () => {
  it("returns function configs from an in-band sync", async () => {
    const configs = await transport.sync();
    const main = configs.find((c) => c.id === "contract-scenario")!;
    expect(main.triggers).toEqual([{ event: "c/go" }]);
    expect(main.steps.step.retries).toEqual({ attempts: 2 });
    expect(main.cancel).toEqual([{ event: "c/stop", if: "event.data.id == async.data.id" }]);
    const failure = configs.find((c) => c.id === "contract-scenario-failure")!;
    expect(failure.triggers).toEqual([
      { event: "inngest/function.failed", expression: "event.data.function_id == 'contract-scenario'" },
    ]);
  });

  it("runs a lone new step inline (StepRun) with the sha1 of its id, and answers version 2", async () => {
    const r = await call("ok", {});
    expect(r).toMatchObject({ kind: "ops", version: 2, ops: [{ op: "StepRun", id: hash("one"), data: 1 }] });
  });

  it("reports a failing attempt as StepError with retry-after, and the last one as StepFailed", async () => {
    const later = await call("retry-after", {});
    expect(later).toMatchObject({ kind: "ops", retryAfterMs: 7_000, ops: [{ op: "StepError" }] });
    const memo = { [hash("one")]: { data: 1 } };
    expect(await call("fail", memo)).toMatchObject({
      ops: [{ op: "StepError", error: { message: "bad step" } }],
    });
    expect(await call("fail", memo, { stepId: hash("bad"), attempt: 2 })).toMatchObject({
      ops: [{ op: "StepFailed" }],
    });
  });

  it("plans parallel steps, then runs a planned one by id", async () => {
    const r = await call("ok", { [hash("one")]: { data: 1 } });
    expect(r.kind === "ops" && r.ops.map((o) => [o.op, o.id])).toEqual([
      ["StepPlanned", hash("p1")],
      ["StepPlanned", hash("p2")],
    ]);
    const one = await call("ok", { [hash("one")]: { data: 1 } }, { stepId: hash("p1"), disable: true });
    expect(one).toMatchObject({ ops: [{ op: "StepRun", id: hash("p1"), data: "a" }] });
  });

  it("puts the sleep duration and the awaited event in the op name", async () => {
    expect(await call("ok", upToSleep)).toMatchObject({
      ops: [{ op: "Sleep", name: "2s", displayName: "nap" }],
    });
    const afterSleep = { ...upToSleep, [hash("nap")]: { data: null } };
    expect(await call("ok", afterSleep)).toMatchObject({
      ops: [
        {
          op: "WaitForEvent",
          name: "c/approve",
          opts: { timeout: "1h", if: "event.data.id == async.data.id" },
        },
      ],
    });
    const afterWait = { ...afterSleep, [hash("wait")]: { data: null } };
    expect(await call("ok", afterWait)).toMatchObject({
      ops: [{ op: "InvokeFunction", opts: { function_id: "contract-child", payload: { data: { x: 1 } } } }],
    });
    expect(await call("ok", { ...afterWait, [hash("call")]: { data: "child" } })).toMatchObject({
      kind: "done",
      output: "done",
    });
  });

  it("answers a function-level error with 500 (retriable) and NonRetriableError with 400", async () => {
    expect(await call("throw", {})).toMatchObject({
      kind: "error",
      retriable: true,
      error: { message: "outside steps" },
    });
    expect(await call("fatal", {})).toMatchObject({ kind: "error", retriable: false });
  });

  it("with ctx.fn_id and qi_id, checkpoints each step through the client's fetch and runs the next once answered", async () => {
    // The test client's fetch must be ours: that is how checkpoints reach the executor.
    expect(client["options"].fetch).toBe(embeddedFetch);
    const steadyCall = (status: number) => {
      log.length = 0;
      const stored: string[] = [];
      const cp = openCheckpoints({
        runId: "run-2",
        store: async (ops) => {
          for (const op of ops)
            log.push(`stored ${op.op} ${op.id === hash(String(op.name)) ? op.name : "?"}=${op.data}`);
          stored.push(...ops.map((o) => o.op));
          return status;
        },
      });
      const e = { name: "c/steady", data: {} };
      return transport
        .call("contract-steady", "step", {
          event: e,
          events: [e],
          version: -1,
          steps: {},
          ctx: {
            run_id: "run-2",
            fn_id: "contract-steady",
            qi_id: cp.id,
            attempt: 0,
            max_attempts: 1,
            disable_immediate_execution: false,
            use_api: false,
            stack: { stack: [], current: 0 },
          },
        })
        .finally(cp.done);
    };
    expect(await steadyCall(200)).toMatchObject({ kind: "done", output: 3, version: 2 });
    expect(log).toEqual(["run a", "stored StepRun a=1", "run b", "stored StepRun b=2"]);
    // 409 is a stale dispatch: the SDK stops at once, with an error that must not be taken as the function's.
    expect(await steadyCall(409)).toMatchObject({ kind: "error", retriable: false });
    expect(log).toEqual(["run a", "stored StepRun a=1"]);
  });
});
