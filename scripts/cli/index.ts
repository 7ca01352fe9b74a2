// The list of CLI commands. Each feature adds its own file and registers it here.
import { createAdmin } from "./accounts";
import type { CliCommand } from "./types";

export const commands: CliCommand[] = [
  {
    name: "db:migrate",
    usage: "db:migrate",
    summary: "Apply database migrations (also done automatically at start)",
    async run(_args, { out, handle }) {
      out({ migrated: true, database: handle.kind }, `Migrations applied (${handle.kind}).`);
    },
  },
  createAdmin,
];
