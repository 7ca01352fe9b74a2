// The list of CLI commands. Each feature adds its own file and registers it here.
import { createAdmin } from "./accounts";
import { seedDemoCommand } from "./seed-demo";
import { ssoClientCommand } from "./sso-clients";
import { group } from "./groups";
import { apiKeyCommand } from "./api-keys";
import type { CliCommand } from "./types";
import { workflowCommand } from "./workflows";
import { syncCommand } from "./sync";

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
  seedDemoCommand,
  ssoClientCommand,
  group,
  apiKeyCommand,
  workflowCommand,
  syncCommand,
];
