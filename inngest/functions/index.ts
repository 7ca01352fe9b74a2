// Every Inngest function of the app. Adding one: a file in this folder plus one line here.
import { apiLogPrune } from "./api-log-prune";
import { demoWorkflow } from "./demo";
import { groupsDaily } from "./groups-daily";
import { syncReconcile, syncRun } from "./sync-run";
import { webhookDeliver } from "./webhook-deliver";

export const functions = [apiLogPrune, demoWorkflow, groupsDaily, syncRun, syncReconcile, webhookDeliver];
