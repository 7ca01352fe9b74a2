// Child process of the crash test: runs an executor on the test database until it is SIGKILLed.
// Every step records its start and its end in wf_crash_effects, so the test can count executions.
// Env: CRASH_DB_URL (Postgres) or CRASH_DB_SOCKET (PGlite socket); CRASH_SEND = runs to start.
import { setTimeout as sleep } from "node:timers/promises";
import { connectPgliteSocket, connectPostgres } from "@/db/client";
import { startExecutor, testClient } from "./harness";

const handle = process.env.CRASH_DB_URL
  ? connectPostgres(process.env.CRASH_DB_URL, 4)
  : connectPgliteSocket(process.env.CRASH_DB_SOCKET!);
const client = testClient("crash");

const effect = (runId: string, step: string, phase: "start" | "end") =>
  handle.sql`insert into wf_crash_effects (run_id, step, phase) values (${runId}, ${step}, ${phase})`;

const crashFlow = client.createFunction({ id: "flow", triggers: [{ event: "t/crash" }] }, async ({ step, runId }) => {
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
});

await handle.sql`create table if not exists wf_crash_effects (run_id text, step text, phase text, at timestamptz default now())`;
await startExecutor(handle, client, [crashFlow], { leaseMs: 1_000, sweepMs: 300 });
const n = Number(process.env.CRASH_SEND ?? 0);
if (n) await client.send(Array.from({ length: n }, (_, i) => ({ name: "t/crash", data: { i }, id: `crash-${i}` })));
process.stdout.write("ready\n");
