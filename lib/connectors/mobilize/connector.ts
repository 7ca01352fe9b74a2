// Mobilize (Journey by Forj) API v1 connector. Paths marked [G] in external-apis.md §2.5 are settings
// (MobilizeOptions) so a tenant whose API differs can be served without a code change.
import { HttpClient, HttpError, unwrapPage, type HttpClientOptions } from "../http";
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
  bulkMax: number;
};

export const defaultMobilizeOptions = {
  ...defaultFieldMapping,
  baseUrl: defaultMobilizeBaseUrl,
  pageSize: 1000,
  bulkAddPath: "/groups/{id}/members/bulk",
  bulkMax: 1000,
} satisfies Omit<MobilizeOptions, "apiKey" | "apiSecret">;

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

  async function addOne(groupId: string, person: SyncPerson): Promise<AddResult> {
    try {
      const user = await client.request("POST", `/groups/${enc(groupId)}/members`, {
        body: toAddMemberBody(person, o),
      });
      return { personId: person.personId, ok: true, remoteUserId: fromMobilizeUser(user).remoteUserId };
    } catch (e) {
      // A 4xx about this person (bad email, unknown user id) is a per-person rejection, not a failed run.
      if (e instanceof HttpError && e.kind === "client")
        return { personId: person.personId, ok: false, message: e.message };
      throw e;
    }
  }

  return {
    vendor: "mobilize",
    maxBatch: o.bulkAddPath ? o.bulkMax : 1,

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
          throw new ConnectionError(
            "unexpected_answer",
            `Unexpected answer from Mobilize (${e.status ?? "no status"}): ${e.message}`,
          );
        }
        throw new ConnectionError(
          "unexpected_answer",
          `Unexpected answer from Mobilize: ${(e as Error).message}`,
        );
      }
    },

    async listGroups({ limit, offset }) {
      const body = await client.request<unknown>("GET", "/groups", { query: { limit, offset } });
      const items = (Array.isArray(body) ? body : ((body as { results?: unknown[] })?.results ?? [])).map(
        fromMobilizeGroup,
      );
      return { items, hasMore: items.length === limit };
    },

    async listMembers(groupId) {
      const raw = await client.getAll<unknown>(`/groups/${enc(groupId)}/members`, o.pageSize, {
        include_fields: false,
      });
      return raw.map(fromMobilizeUser);
    },

    async addMembers(groupId, people) {
      if (!o.bulkAddPath || people.length === 1) {
        const out: AddResult[] = [];
        for (const p of people) out.push(await addOne(groupId, p));
        return out;
      }
      if (people.length > o.bulkMax) throw new Error(`at most ${o.bulkMax} members per bulk request`);
      const path = o.bulkAddPath.replace("{id}", enc(groupId));
      const body = await client.request<{ results?: BulkResult[] }>("POST", path, {
        body: { members: people.map((p) => toAddMemberBody(p, o)) },
      });
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
        await client.request("DELETE", `/groups/${enc(groupId)}/members/${enc(remoteUserId)}`);
        return "removed";
      } catch (e) {
        if (e instanceof HttpError && e.status === 404) return "not_member";
        throw e;
      }
    },

    async checkMember(groupId, who) {
      if (who.remoteUserId) {
        try {
          await client.request("GET", `/groups/${enc(groupId)}/members/${enc(who.remoteUserId)}`, {
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
        await client.request("PUT", `/users/${enc(person.remoteUserId)}`, {
          body: toUpdateUserBody(person, o),
        });
        return { remoteUserId: person.remoteUserId };
      }
      const user = await client.request("POST", "/users", { body: toUpdateUserBody(person, o) });
      return { remoteUserId: fromMobilizeUser(user).remoteUserId };
    },
  };
}
