// Unit tests of the demo workflow's logic with @inngest/test (sleeps mocked; no executor, no database).
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { demoWorkflow } from "./demo";

const engine = new InngestTestEngine({ function: demoWorkflow });
const event = (data: Record<string, unknown>) => ({ name: "guildhall/demo.requested" as const, data });

describe("demo workflow", () => {
  it("adds up its steps", async () => {
    const { result } = await engine.execute({ events: [event({ steps: 4 })] });
    expect(result).toEqual({ total: 10 });
  });

  it("pauses after the first step when asked (the sleep is mocked)", async () => {
    const { result, ctx } = await engine.execute({
      events: [event({ steps: 2, sleep: "1m" })],
      steps: [{ id: "pause", handler() {} }],
    });
    expect(result).toEqual({ total: 3 });
    expect(ctx.step.sleep).toHaveBeenCalledWith("pause", "1m");
  });

  it("fails its last step on purpose", async () => {
    const { error } = await engine.execute({ events: [event({ steps: 2, fail: true })] });
    expect((error as Error).message).toMatch(/step-2 failed on purpose/);
  });
});
