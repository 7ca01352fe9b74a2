// `sync status | sync run <group-id> | sync staging on|off`: group syncs from the command line.
// `run` syncs in this process (useful when the site is down); the site's own runs go through Inngest.
import { getLinkForGroup, listSyncLinks } from "@/db/queries/sync-links";
import { updateSiteSettings } from "@/db/queries/site-settings";
import { runSync } from "@/lib/sync/engine";
import { UsageError, type CliCommand } from "./types";

export const syncCommand: CliCommand = {
  name: "sync",
  usage: "sync status | sync run <group-id> | sync staging on|off",
  summary: "Group sync status, run one now, allow syncs while the site is on staging",
  async run({ positionals }, { db, out }) {
    const [sub, arg] = positionals;
    if (sub === "status") {
      const rows = await listSyncLinks(db);
      const links = rows.map(({ link, groupName }) => ({
        group: groupName,
        groupId: link.groupId,
        vendor: link.vendor,
        remoteGroupId: link.remoteGroupId,
        status: link.status,
        message: link.statusMessage,
        progress: `${link.progressDone}/${link.progressTotal}`,
      }));
      return out(
        links,
        links
          .map((l) => `${l.group} → ${l.vendor} ${l.remoteGroupId}: ${l.status} ${l.message}`)
          .join("\n") || "No links.",
      );
    }
    if (sub === "run") {
      if (!arg) throw new UsageError("sync run <group-id>");
      const link = await getLinkForGroup(db, "mobilize", arg);
      if (!link) throw new UsageError(`Group ${arg} is not linked to Mobilize.`);
      const result = await runSync(db, link.id);
      return out(result, `${result.status}: ${result.message}`);
    }
    if (sub === "staging" && (arg === "on" || arg === "off")) {
      await updateSiteSettings(db, { allowSyncsOnStaging: arg === "on" }, "cli");
      return out({ allowSyncsOnStaging: arg === "on" }, `Syncs on staging: ${arg}.`);
    }
    throw new UsageError(this.usage);
  },
};
