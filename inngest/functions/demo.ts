// A demonstration workflow: a few steps, an optional pause and an optional failing step. The workflows
// screen's e2e test and the benchmark drive it (`npm run cli -- workflow send guildhall/demo.requested`).
import { inngest } from "../client";
import { demoRequested } from "../events";

export const demoWorkflow = inngest.createFunction(
  { id: "demo", name: "Demo workflow", triggers: [demoRequested], retries: 2 },
  async ({ event, step }) => {
    const count = event.data.steps ?? 3;
    let total = 0;
    for (let i = 1; i <= count; i++) {
      total += await step.run(`step-${i}`, () => {
        if (event.data.fail && i === count) throw new Error(`step-${i} failed on purpose`);
        return i;
      });
      if (i === 1 && event.data.sleep) await step.sleep("pause", event.data.sleep);
    }
    return { total };
  },
);
