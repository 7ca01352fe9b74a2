// Starting the embedded executor in the app process (lib/server-services.ts) and reaching it from the
// workflows screen. One executor per process, kept on globalThis like the database handle.
import { getHandle } from "@/db/client";
import { inngest } from "../client";
import { functions } from "../functions";
import { Executor } from "./executor";

const g = globalThis as unknown as { __guildhallExecutor?: Promise<Executor> };

export function startEmbeddedExecutor(): Promise<Executor> {
  g.__guildhallExecutor ??= (async () => {
    const executor = new Executor({ handle: await getHandle(), client: inngest, functions });
    await executor.start();
    const stop = () => void executor.stop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return executor;
  })();
  return g.__guildhallExecutor;
}

/** The running executor of this process, or null (server mode, or not started). */
export function runningExecutor(): Promise<Executor> | null {
  return g.__guildhallExecutor ?? null;
}
