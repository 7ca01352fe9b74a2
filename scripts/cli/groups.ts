// `group create|members|explain`: groups from the command line. Writes catch membership up before
// returning (the CLI may be its own process, so the site's in-process wake-up does not reach it).
import { getGroup } from "@/db/queries/groups";
import { createGroup } from "@/lib/groups/definitions";
import { listGroupMembers } from "@/db/queries/group-members";
import { loadConditionContext, loadEvalRecord } from "@/lib/groups/context";
import { explainGroup, type ExplainNode } from "@/lib/groups/evaluate";
import { catchUpGroups } from "@/lib/changes/group-membership";
import { UsageError, type CliCommand } from "./types";

function explainLines(n: ExplainNode, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  const mark = n.pass ? "PASS" : "FAIL";
  if (n.kind === "leaf") {
    const v = n.value === undefined ? "" : ` ${JSON.stringify(n.value)}`;
    const actual = n.actual === undefined ? "" : ` (value: ${JSON.stringify(n.actual)})`;
    return [`${pad}${mark} ${n.field} ${n.op}${v}${actual}${n.note ? ` — ${n.note}` : ""}`];
  }
  const head = `${pad}${mark} ${n.kind === "all" ? "all of" : n.kind === "any" ? "any of" : "not"}`;
  return [head, ...(n.children ?? []).flatMap((c) => explainLines(c, depth + 1))];
}

export const group: CliCommand = {
  name: "group",
  usage:
    "group create --name N --types people|companies|both [--conditions JSON] [--description D] | group members <id> | group explain <id> <record-id>",
  summary: "Create groups, list their members, explain one record's membership",
  options: {
    name: { type: "string" },
    types: { type: "string" },
    conditions: { type: "string" },
    description: { type: "string" },
    limit: { type: "string" },
  },
  async run({ values, positionals }, { handle, db, out }) {
    const [sub, ...args] = positionals;
    if (sub === "create") {
      let conditions: unknown = null;
      if (values.conditions !== undefined) {
        try {
          conditions = JSON.parse(String(values.conditions));
        } catch {
          throw new UsageError('--conditions must be JSON, e.g. \'{"field":"active","op":"is_true"}\'');
        }
      }
      const g = await createGroup(
        db,
        {
          name: String(values.name ?? ""),
          description: String(values.description ?? ""),
          recordTypes: String(values.types ?? "") as "people",
          conditions,
        },
        "cli",
      );
      await catchUpGroups(handle);
      out({ id: g.id, name: g.name }, g.id);
      return;
    }
    const id = args[0];
    if (!id) throw new UsageError(`group ${sub ?? ""} needs a group id`);
    const g = await getGroup(db, id);
    if (!g) throw new UsageError(`No group with id ${id}`);
    await catchUpGroups(handle);
    if (sub === "members") {
      const limit = Number(values.limit ?? 500);
      const members = [];
      let after: string | undefined;
      do {
        const page = await listGroupMembers(db, id, { after, limit: 500 });
        members.push(...page.rows);
        after = page.nextCursor ?? undefined;
      } while (after && members.length < limit);
      const rows = members.slice(0, limit);
      out(
        { group: { id: g.id, name: g.name }, members: rows },
        rows.map((m) => `${m.recordType}\t${m.id}\t${m.name}`).join("\n") || "(no members)",
      );
      return;
    }
    if (sub === "explain") {
      if (!args[1]) throw new UsageError("group explain needs a person or company id");
      const loaded = await loadEvalRecord(db, args[1], await loadConditionContext(db));
      if (!loaded) throw new UsageError(`No person or company with id ${args[1]}`);
      const e = explainGroup(g, loaded.record, loaded.ctx);
      const lines = [
        `${e.pass ? "IN" : "NOT IN"} group "${g.name}"${e.reason ? `: ${e.reason}` : ""}`,
        ...(e.tree ? explainLines(e.tree) : []),
      ];
      out({ group: g.id, record: args[1], ...e }, lines.join("\n"));
      return;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ""}"`);
  },
};
