// `sso-client create|rotate-keys`: register a partner platform, or rotate the OIDC signing keys.
import { createSsoClient } from "@/lib/oidc/clients";
import { rotateSigningKeys } from "@/lib/oidc/keys";
import { UsageError, type CliCommand } from "./types";

export const ssoClientCommand: CliCommand = {
  name: "sso-client",
  usage:
    "sso-client create --name N --redirect-uri U [--redirect-uri U2] [--post-logout-uri U] [--public] | rotate-keys",
  summary:
    "Create an SSO (OpenID Connect) client, printing its id and one-time secret; or rotate signing keys",
  options: {
    name: { type: "string" },
    "redirect-uri": { type: "string", multiple: true },
    "post-logout-uri": { type: "string", multiple: true },
    public: { type: "boolean" },
  },
  async run({ values, positionals }, { db, out }) {
    const [action] = positionals;
    if (action === "rotate-keys") {
      const { kid, retired } = await rotateSigningKeys(db);
      out(
        { kid, retired },
        `New signing key ${kid}; retired ${retired.length} key(s) (still published until their tokens expire).`,
      );
      return;
    }
    if (action !== "create") throw new UsageError('Say "create" or "rotate-keys"');
    const { client, clientSecret } = await createSsoClient(db, {
      name: String(values.name ?? ""),
      redirectUris: (values["redirect-uri"] as string[] | undefined) ?? [],
      postLogoutRedirectUris: (values["post-logout-uri"] as string[] | undefined) ?? [],
      isPublic: Boolean(values.public),
    });
    out(
      { id: client.id, client_id: client.clientId, client_secret: clientSecret },
      `Created SSO client "${client.name}"\nclient_id:     ${client.clientId}\nclient_secret: ${clientSecret}\n(The secret is not shown again.)`,
    );
  },
};
