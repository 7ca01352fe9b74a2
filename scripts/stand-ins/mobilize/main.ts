// `npm run stand-in:mobilize -- --port 4010 --key K --secret S [--fault-rate 0.3] [--envelope results] [--strict]`
// Flags fall back to MOBILIZE_STANDIN_PORT / _KEY / _SECRET. Seeds two groups (one with a child) so a
// fresh stand-in has something to link.
import { parseArgs } from "node:util";
import { startMobilizeStandIn } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    key: { type: "string" },
    secret: { type: "string" },
    "fault-rate": { type: "string" },
    envelope: { type: "string" },
    "no-seed": { type: "boolean" },
    strict: { type: "boolean" },
  },
});

const standIn = await startMobilizeStandIn({
  port: Number(values.port ?? process.env.MOBILIZE_STANDIN_PORT ?? 4010),
  host: values.host ?? "127.0.0.1",
  apiKey: values.key ?? process.env.MOBILIZE_STANDIN_KEY ?? "standin-key",
  apiSecret: values.secret ?? process.env.MOBILIZE_STANDIN_SECRET ?? "standin-secret",
  api: { envelope: values.envelope === "results" ? "results" : "array" },
  strict: values.strict ?? false,
  faults: { rate: Number(values["fault-rate"] ?? 0) },
});
if (!values["no-seed"]) {
  const board = standIn.state.createGroup({ name: "Board Members" });
  standIn.state.createGroup({ name: "Board Committee", parent_group_id: board.id });
  standIn.state.createGroup({ name: "All Members Community" });
}
console.log(`Mobilize stand-in listening on ${standIn.url} (test routes at /__state, /__faults)`);
const stop = () => void standIn.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
