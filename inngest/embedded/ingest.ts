// Receiving events, inside one transaction: dedupe by id, start triggered runs, resume matching
// waitForEvent steps, cancel runs whose cancelOn matches.
import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { wfEvents, wfWaits } from "@/db/schema";
import { scheduleDiscovery, timerKey } from "@/db/queries/workflow-jobs";
import { activeRunsOf, finishStep, lockRun } from "@/db/queries/workflow-state";
import { evaluate, parseCondition } from "./expr";
import { endRun, startRun, type Engine } from "./runs";
import type { IncomingEvent, StoredEvent } from "./types";

/** Gives every event an id: its own, or one derived from the SDK's send seed (stable across its retries). */
export function normalizeEvents(events: IncomingEvent[], seed?: string): StoredEvent[] {
  return events.map((e, i) => {
    if (!e || typeof e.name !== "string" || !e.name) throw new Error("Every event needs a name");
    const id =
      e.id ?? (seed ? createHash("sha256").update(`${seed}:${i}`).digest("hex").slice(0, 32) : randomUUID());
    return { id, name: e.name, data: e.data ?? {}, ts: e.ts ?? Date.now() };
  });
}

const matches = (pattern: string, name: string) =>
  pattern === name || (pattern.endsWith("/*") && name.startsWith(pattern.slice(0, -1)));

/** Ingests events; a repeated id is ignored (the first event with that id wins, as on Inngest). */
export async function ingestEvents(tx: Tx, engine: Engine, events: StoredEvent[]): Promise<void> {
  if (!events.length) return;
  // The waits of the whole batch in one read (one an earlier event resumed is gone: its delete finds nothing).
  const names = [...new Set(events.map((e) => e.name))];
  const waits = await tx.select().from(wfWaits).where(inArray(wfWaits.event, names));
  for (const event of events) {
    const fresh = await tx
      .insert(wfEvents)
      .values({ id: event.id, name: event.name, data: event.data, ts: new Date(event.ts) })
      .onConflictDoNothing()
      .returning({ id: wfEvents.id });
    if (!fresh.length) continue;
    await cancelMatching(tx, engine, event);
    await resumeWaiters(
      tx,
      event,
      waits.filter((w) => w.event === event.name),
    );
    for (const spec of engine.specs.values())
      for (const t of spec.triggers)
        if ("event" in t && matches(t.event, event.name))
          if (!t.expression || evaluate(parseCondition(t.expression), { event })) {
            await startRun(tx, engine, spec, event);
            break;
          }
  }
}

async function resumeWaiters(tx: Tx, event: StoredEvent, waits: (typeof wfWaits.$inferSelect)[]) {
  for (const w of waits) {
    const run = await lockRun(tx, w.runId);
    if (!run || run.status !== "running") continue;
    if (w.expr) {
      let ok: boolean;
      try {
        ok = evaluate(parseCondition(w.expr), { event: run.event, async: event });
      } catch {
        ok = false; // validated when the wait was stored; a parse failure here cannot match
      }
      if (!ok) continue;
    }
    const gone = await tx
      .delete(wfWaits)
      .where(and(eq(wfWaits.runId, w.runId), eq(wfWaits.stepId, w.stepId)))
      .returning();
    if (!gone.length) continue;
    await finishStep(tx, {
      runId: w.runId,
      stepId: w.stepId,
      name: w.event,
      op: "WaitForEvent",
      memo: { data: event },
    });
    await tx.execute(sql`delete from wf_jobs where dedupe_key = ${timerKey(w.runId, w.stepId)}`);
    await scheduleDiscovery(tx, w.runId, run.concurrencyKey);
  }
}

async function cancelMatching(tx: Tx, engine: Engine, event: StoredEvent) {
  const watching = [...engine.specs.values()].filter((s) =>
    s.cancel.some((c) => matches(c.event, event.name)),
  );
  if (!watching.length) return;
  const runs = await activeRunsOf(
    tx,
    watching.map((s) => s.id),
  );
  for (const run of runs) {
    const spec = engine.specs.get(run.fnId)!;
    const hit = spec.cancel.some(
      (c) =>
        matches(c.event, event.name) &&
        (!c.timeoutMs || run.createdAt.getTime() + c.timeoutMs >= Date.now()) &&
        (!c.if || evaluate(parseCondition(c.if), { event: run.event, async: event })),
    );
    if (hit)
      await endRun(tx, engine, run.id, "cancelled", {
        error: { name: "Cancelled", message: `Cancelled by event ${event.name}` },
      });
  }
}
