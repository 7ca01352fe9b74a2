// Workflow commands: send an event (the running site's executor picks the runs up) and list runs.
import { Executor } from "@/inngest/embedded/executor";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { eventTypeByName } from "@/inngest/events";
import { listWorkflowRuns } from "@/db/queries/workflows";
import { fromZodError } from "@/lib/core/errors";
import type { ZodType } from "zod";
import { UsageError, type CliCommand, type CliContext } from "./types";

export const workflowCommand: CliCommand = {
  name: "workflow",
  usage: "workflow send <event> [--data JSON] [--id ID] | workflow runs [--function ID] [--status S]",
  summary: "Send a workflow event (a running site's executor runs it) or list recent runs",
  options: {
    data: { type: "string" },
    id: { type: "string" },
    function: { type: "string" },
    status: { type: "string" },
  },
  async run({ values, positionals }, ctx) {
    const [sub, ...rest] = positionals;
    if (sub === "send") return send(values, rest, ctx);
    if (sub === "runs") return runs(values, ctx);
    throw new UsageError("Use `workflow send <event>` or `workflow runs`");
  },
};

type Values = Record<string, unknown>;

async function send(values: Values, positionals: string[], { handle, out }: CliContext) {
  {
    const name = positionals[0];
    if (!name) throw new UsageError("Name the event to send");
    const type = eventTypeByName(name);
    if (!type) throw new UsageError(`Unknown event "${name}"`);
    let data: unknown;
    try {
      data = JSON.parse(String(values.data ?? "{}"));
    } catch {
      throw new UsageError("--data must be JSON");
    }
    const parsed = (type.schema as unknown as ZodType).safeParse(data);
    if (!parsed.success) throw fromZodError(parsed.error, "data");
    const executor = new Executor({ handle, client: inngest, functions, registerEventSink: false });
    await executor.load();
    const [id] = await executor.send([
      { name, data: parsed.data as Record<string, unknown>, id: values.id as string | undefined },
    ]);
    out({ id, name }, `Sent ${name} (${id})`);
  }
}

async function runs(values: Values, { db, out }: CliContext) {
  {
    const runs = await listWorkflowRuns(db, {
      fnId: values.function as string | undefined,
      status: values.status as never,
      limit: 50,
    });
    out(
      runs,
      runs.map((r) => `${r.id}  ${r.fnId}  ${r.status}  ${r.createdAt.toISOString()}`).join("\n") ||
        "No runs.",
    );
  }
}
