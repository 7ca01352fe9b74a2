// Mobilize (Journey by Forj) API v1 connector. Paths marked [G] in external-apis.md §2.5 are settings
// (MobilizeOptions) so a tenant whose API differs can be served without a code change.
import { HttpClient, HttpError, unwrapPage, type HttpClientOptions } from "../http";
import { pageAll, pageAt } from "./paging";
import { ConnectionError, type AddResult, type Connector, type SyncPerson } from "../types";
import {
  defaultFieldMapping,
  fromMobilizeGroup,
  fromMobilizeUser,
  toAddMemberBody,
  toUpdateUserBody,
  type MobilizeFieldMapping,
} from "./transform";

export const defaultMobilizeBaseUrl = "https://api.mobilize.io/v1";

export type MobilizeOptions = MobilizeFieldMapping & {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Page size for list calls (Mobilize's maximum is undocumented). */
  pageSize: number;
  /** Bulk add path with {id}; "" = add one member per request. Bulk limit 1000 is documented [C]. */
  bulkAddPath: string;
  /** The bulk body's array property (the wrapper is undocumented [G]). */
  bulkBodyKey: string;
  bulkMax: number;
  /** Add one member [G]: {group} is the group id. */
  addMemberPath: string;
  /** Remove one member, and read one membership [G]: {group}, {user}. */
  memberPath: string;
  /** Create a user (path [G]; behaviour [C]). */
  createUserPath: string;
  /** Update a user [G]: {user}; the method is a guess too, and a 405 tries the other one (remembered). */
  updateUserPath: string;
  updateUserMethod: "PUT" | "PATCH";
};

export const defaultMobilizeOptions = {
  ...defaultFieldMapping,
  baseUrl: defaultMobilizeBaseUrl,
  // Max `limit` is unknown [G]; paging never relies on it being honoured (paging.ts).
  pageSize: 100,
  bulkAddPath: "/groups/{id}/members/bulk",
  bulkBodyKey: "members",
  bulkMax: 1000,
  addMemberPath: "/groups/{group}/members",
  memberPath: "/groups/{group}/members/{user}",
  createUserPath: "/users",
  updateUserPath: "/users/{user}",
  updateUserMethod: "PUT",
} satisfies Omit<MobilizeOptions, "apiKey" | "apiSecret">;

/**
 * Connections whose bulk path answered 404/405/501 (the path is a guess [G]): later batches go one by one
 * directly. In memory, per base URL and path: a restart tries bulk once more, which is cheap.
 */
const bulkUnavailable = new Set<string>();
const bulkMissingStatuses = new Set([404, 405, 501]);
/** Connections whose user update answered 405 to the configured method: the other method is used. */
const otherUpdateMethod = new Set<string>();

/** A configured path with its {placeholders} filled, each value URL-encoded. */
const pathOf = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? encodeURIComponent(values[name]) : whole,
  );

type BulkResult = { index: number; status: string; user_id?: string | number; error_message?: string };

export function createMobilizeConnector(
  options: Partial<MobilizeOptions> & Pick<MobilizeOptions, "apiKey" | "apiSecret">,
  http: Partial<HttpClientOptions> = {},
): Connector {
  const o: MobilizeOptions = { ...defaultMobilizeOptions, ...options };
  const client = new HttpClient({
    ...http,
    baseUrl: o.baseUrl || defaultMobilizeBaseUrl,
    headers: { authorization: `Basic ${Buffer.from(`${o.apiKey}:${o.apiSecret}`).toString("base64")}` },
  });
  const enc = encodeURIComponent;
  const bulkKey = `${o.baseUrl}|${o.bulkAddPath}`;

  async function addOne(groupId: string, person: SyncPerson): Promise<AddResult> {
    try {
      const user = await client.request("POST", pathOf(o.addMemberPath, { group: groupId }), {
        body: toAddMemberBody(person, o),
      });
      return { personId: person.personId, ok: true, remoteUserId: fromMobilizeUser(user).remoteUserId };
    } catch (e) {
      // A 4xx about this person (bad email, unknown user id) is a per-person rejection, not a failed run.
      if (e instanceof HttpError && e.kind === "client")
        return {
          personId: person.personId,
          ok: false,
          message: `Mobilize refused this member (${e.message})`,
        };
      throw e;
    }
  }

  return {
    vendor: "mobilize",
    // Fixed for this instance: the engine steps through a batch by this size.
    maxBatch: o.bulkAddPath && !bulkUnavailable.has(bulkKey) ? o.bulkMax : 1,

    async testConnection() {
      try {
        const body = await new HttpClient({ ...client.opts, maxAttempts: 2 }).request("GET", "/groups", {
          query: { limit: 1, offset: 0 },
        });
        if (!Array.isArray(body) && !Array.isArray((body as { results?: unknown })?.results))
          throw new ConnectionError(
            "unexpected_answer",
            "Mobilize answered, but not with a list of groups. Check the base URL.",
          );
      } catch (e) {
        if (e instanceof ConnectionError) throw e;
        if (e instanceof HttpError) {
          if (e.kind === "auth")
            throw new ConnectionError("bad_credentials", "Mobilize rejected the API key or secret.");
          if (e.kind === "unreachable" || e.kind === "timeout")
            throw new ConnectionError(
              "unreachable",
              `Mobilize could not be reached at ${o.baseUrl}: ${e.message}`,
            );
          // e.message is a summary ("HTTP 500 Internal Server Error"), never the remote body.
          throw new ConnectionError("unexpected_answer", `Unexpected answer from Mobilize: ${e.message}`);
        }
        throw new ConnectionError(
          "unexpected_answer",
          `Unexpected answer from Mobilize: ${(e as Error).message}`,
        );
      }
    },

    async listGroups({ limit, offset }) {
      const page = await pageAt<unknown>(client, "/groups", limit, offset);
      return { items: page.items.map(fromMobilizeGroup), hasMore: page.hasMore };
    },

    async listMembers(groupId) {
      const raw = await pageAll<unknown>(
        client,
        `/groups/${enc(groupId)}/members`,
        o.pageSize,
        { include_fields: false },
        (u) => fromMobilizeUser(u).remoteUserId,
      );
      return raw.map(fromMobilizeUser);
    },

    async addMembers(groupId, people) {
      const oneByOne = async () => {
        const out: AddResult[] = [];
        for (const p of people) out.push(await addOne(groupId, p));
        return out;
      };
      if (!o.bulkAddPath || people.length === 1 || bulkUnavailable.has(bulkKey)) return oneByOne();
      if (people.length > o.bulkMax) throw new Error(`at most ${o.bulkMax} members per bulk request`);
      const path = pathOf(o.bulkAddPath, { id: groupId, group: groupId });
      let body: { results?: BulkResult[] } | undefined;
      try {
        body = await client.request<{ results?: BulkResult[] }>("POST", path, {
          body: { [o.bulkBodyKey]: people.map((p) => toAddMemberBody(p, o)) },
        });
      } catch (e) {
        if (!(e instanceof HttpError && e.status !== undefined && bulkMissingStatuses.has(e.status))) throw e;
        const out = await oneByOne();
        // A 404 may mean a missing group rather than a missing path: remember only once a single add worked.
        if (e.status !== 404 || out.some((r) => r.ok)) bulkUnavailable.add(bulkKey);
        return out;
      }
      const results = body?.results ?? [];
      return people.map((p, index) => {
        const r = results.find((x) => x.index === index);
        if (r && r.status !== "error" && r.user_id !== undefined)
          return { personId: p.personId, ok: true as const, remoteUserId: String(r.user_id) };
        return {
          personId: p.personId,
          ok: false as const,
          message: r?.error_message ?? "Mobilize did not confirm this member",
        };
      });
    },

    async removeMember(groupId, remoteUserId) {
      try {
        await client.request("DELETE", pathOf(o.memberPath, { group: groupId, user: remoteUserId }));
        return "removed";
      } catch (e) {
        if (e instanceof HttpError && e.status === 404) return "not_member";
        throw e;
      }
    },

    async checkMember(groupId, who) {
      if (who.remoteUserId) {
        try {
          await client.request("GET", pathOf(o.memberPath, { group: groupId, user: who.remoteUserId }), {
            query: { include_fields: false },
          });
          return { member: true, remoteUserId: who.remoteUserId };
        } catch (e) {
          if (e instanceof HttpError && e.status === 404)
            return { member: false, remoteUserId: who.remoteUserId };
          throw e;
        }
      }
      const email = (who.email ?? "").trim().toLowerCase();
      const found = await client.request<unknown>("GET", "/users/search", {
        query: { keywords: email, limit: 50, offset: 0 },
      });
      const users = unwrapPage<Record<string, unknown>>(found).items;
      const user = users.find((u) => fromMobilizeUser(u).email === email);
      if (!user) return { member: false, remoteUserId: null };
      const groups = Array.isArray(user.groups) ? (user.groups as { id: unknown }[]) : [];
      return {
        member: groups.some((g) => String(g.id) === groupId),
        remoteUserId: fromMobilizeUser(user).remoteUserId,
      };
    },

    async upsertPerson(person) {
      if (person.remoteUserId) {
        const path = pathOf(o.updateUserPath, { user: person.remoteUserId });
        const body = toUpdateUserBody(person, o);
        const other = o.updateUserMethod === "PUT" ? "PATCH" : "PUT";
        const updateKey = `${o.baseUrl}|${o.updateUserPath}|${o.updateUserMethod}`;
        const method = otherUpdateMethod.has(updateKey) ? other : o.updateUserMethod;
        try {
          await client.request(method, path, { body });
        } catch (e) {
          if (!(e instanceof HttpError && e.status === 405 && method === o.updateUserMethod)) throw e;
          await client.request(other, path, { body });
          otherUpdateMethod.add(updateKey);
        }
        return { remoteUserId: person.remoteUserId };
      }
      const user = await client.request("POST", o.createUserPath, { body: toUpdateUserBody(person, o) });
      return { remoteUserId: fromMobilizeUser(user).remoteUserId };
    },
  };
}
