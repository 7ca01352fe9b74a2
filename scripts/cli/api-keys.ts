// CLI: api-key create / revoke.
import { revokeApiKey } from "@/db/queries/api-keys";
import { saveApiKey } from "@/lib/api-keys/lifecycle";
import { UsageError, type CliCommand } from "./types";

function rateOf(v: unknown): { rateLimitPerSecond?: number | null; rateLimitPerMinute?: number | null } {
  if (v === undefined) return {};
  if (v === "none") return { rateLimitPerSecond: null, rateLimitPerMinute: null };
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError("--rate-limit must be a whole number of requests per second, or none");
  return { rateLimitPerSecond: n, rateLimitPerMinute: n * 60 };
}

export const apiKeyCommand: CliCommand = {
  name: "api-key",
  usage:
    "api-key create --name N [--group <id>] [--fields a,b,c] [--custom-fields k1,k2] [--no-events] [--no-members] [--rate-limit N|none] [--webhook URL] | api-key revoke <id>",
  summary: "Create an API key (prints {id, key}; the key is shown only here) or revoke one",
  options: {
    name: { type: "string" },
    group: { type: "string" },
    fields: { type: "string" },
    "custom-fields": { type: "string" },
    "no-events": { type: "boolean" },
    "no-members": { type: "boolean" },
    "follow-signup-protection": { type: "boolean" },
    "rate-limit": { type: "string" },
    webhook: { type: "string", multiple: true },
  },
  async run({ values, positionals }, { db, out }) {
    const [sub, id] = positionals;
    if (sub === "revoke") {
      if (!id) throw new UsageError("Give the id of the key to revoke");
      await revokeApiKey(db, id);
      out({ id, revoked: true }, `Revoked API key ${id}`);
      return;
    }
    if (sub !== "create") throw new UsageError("Use api-key create or api-key revoke <id>");
    const list = (v: unknown) =>
      typeof v === "string" && v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const fields = list(values.fields);
    const custom = list(values["custom-fields"]);
    const limit = Boolean(values.group) || fields.length > 0 || custom.length > 0;
    const { key, secret } = await saveApiKey(db, null, {
      name: String(values.name ?? ""),
      eventAccess: !values["no-events"],
      memberAccess: !values["no-members"],
      followSignupProtection: Boolean(values["follow-signup-protection"]),
      limitMemberData: limit,
      groupId: (values.group as string | undefined) ?? null,
      memberFields: fields,
      customFieldKeys: custom,
      webhookUrls: (values.webhook as string[] | undefined) ?? [],
      ...rateOf(values["rate-limit"]),
    });
    out({ id: key.id, key: secret }, `Created API key ${key.id}\n${secret}\n(shown once: copy it now)`);
  },
};
