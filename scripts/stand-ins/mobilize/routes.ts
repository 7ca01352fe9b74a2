// The /v1 API of the Mobilize stand-in. Paths marked [G] in external-apis.md are guesses kept in one place.
import type { StandInState } from "./state";

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
export type ApiOptions = {
  envelope: "array" | "results";
  defaultLimit: number;
  maxLimit: number;
  bulkMax: number;
  bulkBusyStatus: 409 | 429;
  bulkDelayMs: number;
  /** false: no bulk route (a bulk POST is "Method not allowed", 405), as a stricter reading of the docs. */
  bulk: boolean;
  /** Methods that update a user (the reference guesses PUT); any other answers 405. */
  userUpdateMethods: ("PUT" | "PATCH")[];
};
export type Counters = {
  requests: number;
  faults: number;
  byRoute: Record<string, number>;
  addsApplied: number;
  /** Adds of someone already in the group: a client that re-sends a completed add shows up here. */
  addNoops: number;
  removesApplied: number;
  /** Removes of someone not in the group: a re-sent completed remove. */
  removeMisses: number;
  userUpdates: number;
};

export const newCounters = (): Counters => ({
  requests: 0,
  faults: 0,
  byRoute: {},
  addsApplied: 0,
  addNoops: 0,
  removesApplied: 0,
  removeMisses: 0,
  userUpdates: 0,
});

const err = (status: number, message: string): Reply => ({ status, body: { error_message: message } });

export function routeName(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d+(?=\/|$)/g, "/:id")}`;
}

type Ctx = { state: StandInState; opts: ApiOptions; counters: Counters; bulkBusy: { on: boolean } };

function page<T>(items: T[], q: URLSearchParams, opts: ApiOptions): Reply {
  const limit = Math.min(
    opts.maxLimit,
    Math.max(1, Number(q.get("limit") ?? opts.defaultLimit) || opts.defaultLimit),
  );
  const offset = Math.max(0, Number(q.get("offset") ?? 0) || 0);
  const slice = items.slice(offset, offset + limit);
  return { status: 200, body: opts.envelope === "results" ? { count: items.length, results: slice } : slice };
}

function addOne(ctx: Ctx, groupId: number, item: Record<string, unknown>): Reply {
  const { state, counters } = ctx;
  let user;
  if (item.user_id !== undefined && item.user_id !== null) {
    user = state.users.get(String(item.user_id));
    if (!user) return err(404, `User ${String(item.user_id)} not found`);
  } else {
    const fields = (item.fields ?? {}) as Record<string, unknown>;
    const email = typeof fields.email === "string" ? fields.email.trim() : "";
    if (!email) return err(400, "user_id or fields.email is required");
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return err(400, `Invalid email: ${email}`);
    user = state.upsertUser(fields);
  }
  if (state.addMember(groupId, user.id)) counters.addsApplied++;
  else counters.addNoops++;
  return { status: 201, body: state.userView(user, false) };
}

export async function handleApi(
  ctx: Ctx,
  method: string,
  path: string,
  q: URLSearchParams,
  body: unknown,
): Promise<Reply> {
  const { state, opts, counters } = ctx;
  const parts = path.split("/").filter(Boolean); // ["groups", "12", "members", ...]
  const includeFields = q.get("include_fields") !== "false";
  const b = (body ?? {}) as Record<string, unknown>;

  if (parts[0] === "groups") {
    if (parts.length === 1) {
      if (method === "GET")
        return page(
          [...state.groups.values()].map((g) => state.groupView(g)),
          q,
          opts,
        );
      if (method === "POST") {
        if (typeof b.name !== "string" || !b.name.trim()) return err(400, "name is required");
        return { status: 201, body: state.groupView(state.createGroup(b as { name: string })) };
      }
      return err(405, "Method not allowed");
    }
    const group = state.groups.get(Number(parts[1]));
    if (!group) return err(404, `Group ${parts[1]} not found`);
    if (parts.length === 2) {
      if (method === "GET") return { status: 200, body: state.groupView(group) };
      if (method === "POST") {
        if (typeof b.name === "string") group.name = b.name;
        group.updated_at = Date.now();
        return { status: 200, body: state.groupView(group) };
      }
      return err(405, "Method not allowed"); // no group delete (§2.3)
    }
    if (parts[2] !== "members") return err(404, "Not found");
    const members = state.members.get(group.id)!;
    if (parts.length === 3) {
      if (method === "GET") {
        const users = [...members.keys()].map((id) => state.userView(state.users.get(id)!, includeFields));
        return page(users, q, opts);
      }
      if (method === "POST") return addOne(ctx, group.id, b);
      return err(405, "Method not allowed");
    }
    if (opts.bulk && parts[3] === "bulk" && parts.length === 4) {
      if (method !== "POST") return err(405, "Method not allowed");
      const items = Array.isArray(b.members) ? (b.members as Record<string, unknown>[]) : null;
      if (!items) return err(400, "members must be an array");
      if (items.length > opts.bulkMax) return err(400, `At most ${opts.bulkMax} members per bulk request`);
      if (ctx.bulkBusy.on) return err(opts.bulkBusyStatus, "Another bulk operation is in progress");
      ctx.bulkBusy.on = true;
      try {
        if (opts.bulkDelayMs) await new Promise((r) => setTimeout(r, opts.bulkDelayMs));
        const results = items.map((item, index) => {
          const r = addOne(ctx, group.id, item);
          const ok = r.status < 300;
          const user = r.body as { id?: string; error_message?: string };
          return ok
            ? { index, status: "added", user_id: user.id }
            : { index, status: "error", error_message: user.error_message };
        });
        return { status: 200, body: { job: { id: `job-${Date.now()}` }, total: items.length, results } };
      } finally {
        ctx.bulkBusy.on = false;
      }
    }
    const userId = parts[3];
    if (method === "GET") {
      const user = members.has(userId) ? state.users.get(userId) : undefined;
      return user ? { status: 200, body: state.userView(user, includeFields) } : err(404, "Member not found");
    }
    if (method === "DELETE") {
      if (state.removeMember(group.id, userId)) {
        counters.removesApplied++;
        return { status: 204 };
      }
      counters.removeMisses++;
      return err(404, "Member not found");
    }
    return err(405, "Method not allowed");
  }

  if (parts[0] === "users") {
    if (parts.length === 1) {
      if (method === "GET")
        return page(
          [...state.users.values()].map((u) => state.userView(u, includeFields)),
          q,
          opts,
        );
      if (method === "POST") {
        const fields = { ...((b.fields ?? {}) as Record<string, unknown>), ...b };
        delete fields.fields;
        if (typeof fields.email !== "string" || !fields.email) return err(400, "email is required");
        return { status: 201, body: state.userView(state.upsertUser(fields)) };
      }
      return err(405, "Method not allowed");
    }
    if (parts[1] === "search" && method === "GET") {
      const k = (q.get("keywords") ?? "").toLowerCase();
      const found = [...state.users.values()].filter((u) => k && u.email.toLowerCase().includes(k));
      return page(
        found.map((u) => state.userView(u, includeFields)),
        q,
        opts,
      );
    }
    const user = state.users.get(parts[1]);
    if (!user) return err(404, `User ${parts[1]} not found`);
    if (method === "GET") return { status: 200, body: state.userView(user, includeFields) };
    if (method === "PUT" || method === "PATCH") {
      if (!opts.userUpdateMethods.includes(method)) return err(405, "Method not allowed");
      if (typeof b.first_name === "string") user.first_name = b.first_name;
      if (typeof b.last_name === "string") user.last_name = b.last_name;
      if (b.fields && typeof b.fields === "object") user.fields = { ...user.fields, ...(b.fields as object) };
      user.updated_at = Date.now();
      counters.userUpdates++;
      return { status: 200, body: state.userView(user) };
    }
    return err(405, "Method not allowed");
  }
  return err(404, "Not found");
}
