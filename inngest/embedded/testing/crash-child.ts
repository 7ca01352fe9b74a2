// Child process of the crash test: runs an executor on the test database until it is SIGKILLed.
// Every step records its start and its end in wf_crash_effects, so the test can count executions.
// Env: DATABASE_URL (Postgres) or GUILDHALL_DATA_DIR (a PGlite folder this process owns, as the app
// does: a SIGKILL takes the database down with it); CRASH_SEND = runs to start.
// It reports progress as "status {json}" lines: the test never opens a second connection to PGlite.
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase } from "@/db/client";
import { startExecutor, testClient } from "./harness";

const handle = await openDatabase({ pglite: "own" });
const client = testClient("crash");

const effect = (runId: string, step: string, phase: "start" | "end") =>
  handle.sql`insert into wf_crash_effects (run_id, step, phase) values (${runId}, ${step}, ${phase})`;

const crashFlow = client.createFunction(
  { id: "flow", triggers: [{ event: "t/crash" }] },
  async ({ step, runId }) => {
    const work = (name: string, ms: number) =>
      step.run(name, async () => {
        await effect(runId, name, "start");
        await sleep(ms);
        await effect(runId, name, "end");
        return name;
      });
    await work("a", 10);
    await work("slow", 1_500);
    await step.sleep("nap", "1500ms");
    await work("b", 10);
    await work("c", 300);
    return "done";
  },
);

await handle.sql`create table if not exists wf_crash_effects (run_id text, step text, phase text)`;
await startExecutor(handle, client, [crashFlow], { leaseMs: 1_000, sweepMs: 300 });
// eslint-disable-next-line no-restricted-syntax -- a test-only knob of this child process
const n = Number(process.env.CRASH_SEND ?? 0);
if (n)
  await client.send(
    Array.from({ length: n }, (_, i) => ({ name: "t/crash", data: { i }, id: `crash-${i}` })),
  );

let last = "";
for (;;) {
  const [status] = await handle.sql`select
    (select coalesce(json_agg(json_build_object('step', step, 'phase', phase)), '[]') from wf_crash_effects) as effects,
    (select coalesce(json_agg(json_build_object('name', name, 'status', status)), '[]') from wf_steps) as steps,
    (select coalesce(json_agg(json_build_object('status', status, 'output', output)), '[]') from wf_runs) as runs`;
  const line = JSON.stringify(status);
  if (line !== last) process.stdout.write(`status ${line}\n`);
  last = line;
  await sleep(10);
}
