// The keyed API's self-description and self-registered webhooks: what an affiliated site's feed needs to set
// itself up with nothing but this site's URL and a key (issue 17). Every answer is about the calling key.
import type { DbOrTx } from "@/db/client";
import { listCustomFields } from "@/db/queries/custom-fields";
import { getGroup } from "@/db/queries/groups";
import { getSiteSettings, siteUrlOf } from "@/db/queries/site-settings";
import { deleteWebhookEndpoints, listWebhookEndpoints, type WebhookEndpoint } from "@/db/queries/webhooks";
import type { ResolvedKey } from "@/lib/api-keys/cache";
import { countMembersInScope } from "@/lib/api-keys/scope";
import { AppError, notFound } from "@/lib/core/errors";
import { checkTargetAtSave } from "@/lib/outbound/address-guard";
import { registerEndpointForKey } from "@/lib/webhooks/endpoints";
import { parseBody } from "./parse";
import { webhookEndpointCreateSchema } from "./schemas";

export async function keyInfo(db: DbOrTx, key: ResolvedKey) {
  const settings = await getSiteSettings(db);
  const members = key.memberAccess;
  const group = key.limitMemberData && key.groupId ? await getGroup(db, key.groupId) : null;
  const { fields, custom, customKeys } = key.fieldSet;
  const defs = members && custom ? await listCustomFields(db) : [];
  return {
    data: {
      site: { name: settings.siteName, url: siteUrlOf(settings), launched: settings.launched },
      key: { name: key.name },
      families: {
        members,
        events: key.eventAccess,
        registrations: members && key.eventAccess,
      },
      scope: {
        limited: key.limitMemberData,
        group: group ? { id: group.id, name: group.name } : null,
        member_count: members ? await countMembersInScope(db, key) : 0,
      },
      member_fields: members ? fields : [],
      custom_fields: defs.filter((d) => customKeys === null || customKeys.includes(d.key)),
    },
  };
}

export const endpointView = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  status: e.status,
  registered_by: e.registeredBy,
  created_at: e.createdAt.toISOString(),
});

export async function listKeyEndpoints(db: DbOrTx, key: ResolvedKey) {
  return { data: (await listWebhookEndpoints(db, key.id)).map(endpointView) };
}

export async function registerKeyEndpoint(db: DbOrTx, key: ResolvedKey, body: unknown) {
  const input = parseBody(webhookEndpointCreateSchema, body);
  const { allowPrivateTargets } = await getSiteSettings(db);
  await checkTargetAtSave(input.url, { allowPrivate: allowPrivateTargets, field: "url" });
  const { endpoint, secret } = await registerEndpointForKey(db, key.id, input);
  return { data: { ...endpointView(endpoint), secret } };
}

/** Only endpoints this key registered: staff-entered ones are staff's to remove. */
export async function deleteKeyEndpoint(db: DbOrTx, key: ResolvedKey, id: string) {
  const endpoint = (await listWebhookEndpoints(db, key.id)).find((e) => e.id === id);
  if (!endpoint) throw notFound(`Webhook endpoint ${id}`);
  if (endpoint.registeredBy !== "api")
    throw new AppError("forbidden", "Staff added this endpoint on the key's page; only they can remove it.");
  await deleteWebhookEndpoints(db, key.id, [id]);
}
