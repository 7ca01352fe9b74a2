// The Mobilize stand-in HTTP server (node:http). Test-only routes live under /__ and need no auth:
//   GET /__state            counters, the request log and every group's member emails
//   GET /__user?email=      one user as the API shows it
//   POST /__faults          {rate, kinds, retryAfterSeconds, slowMs, seed}
//   POST /__reset           clears counters and log ({"data": true} also clears groups and users)
//   POST /__seed            {groups: [{name, parent?}]}; returns the created groups
//   PATCH /__options        change ApiOptions (envelope, limits, bulk behaviour) at run time
// A request to /moved/v1/... answers with a cross-origin 302 to /v1/... (localhost <-> 127.0.0.1), so a
// client must resend Authorization after following it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { makeRandom, noFaults, parseFaults, type FaultConfig, type FaultKind } from "./faults";
import { handleApi, newCounters, routeName, type ApiOptions, type Counters, type Reply } from "./routes";
import { StandInState } from "./state";

export type StandInOptions = {
  port?: number;
  host?: string;
  apiKey?: string;
  apiSecret?: string;
  api?: Partial<ApiOptions>;
  faults?: Partial<FaultConfig>;
  logLimit?: number;
  /** The stricter reading of the same public material: no bulk route (405) and pages capped at 100. */
  strict?: boolean;
};

export type LogEntry = {
  at: number;
  method: string;
  path: string;
  status: number;
  fault?: FaultKind;
  ms: number;
};

export type MobilizeStandIn = {
  url: string;
  port: number;
  state: StandInState;
  counters: () => Counters;
  close: () => Promise<void>;
};

const defaultApi: ApiOptions = {
  userUpdateMethods: ["PUT"],
  envelope: "array",
  defaultLimit: 25,
  maxLimit: 1000,
  bulkMax: 1000,
  bulkBusyStatus: 409,
  bulkDelayMs: 0,
  bulk: true,
};

export const strictApi: Partial<ApiOptions> = { bulk: false, maxLimit: 100 };

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error("invalid json"));
      }
    });
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body !== undefined) headers["content-type"] = "application/json";
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

export async function startMobilizeStandIn(options: StandInOptions = {}): Promise<MobilizeStandIn> {
  const apiKey = options.apiKey ?? "standin-key";
  const apiSecret = options.apiSecret ?? "standin-secret";
  const expectedAuth = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString("base64")}`;
  const api: ApiOptions = { ...defaultApi, ...(options.strict ? strictApi : {}), ...options.api };
  let faults: FaultConfig = { ...noFaults, ...options.faults };
  let random = makeRandom(faults.seed);
  const state = new StandInState();
  let counters = newCounters();
  let log: LogEntry[] = [];
  const logLimit = options.logLimit ?? 20_000;
  const bulkBusy = { on: false };

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      return send(res, { status: 400, body: { error_message: "Body is not valid JSON" } });
    }

    if (url.pathname.startsWith("/__"))
      return send(res, testRoute(method, url.pathname, url.searchParams, body));

    if (url.pathname.startsWith("/moved/")) {
      const host = (req.headers.host ?? "").startsWith("localhost") ? "127.0.0.1" : "localhost";
      const target = `http://${host}:${port}${url.pathname.slice("/moved".length)}${url.search}`;
      return send(res, { status: 302, headers: { location: target } });
    }

    const record = (status: number, fault?: FaultKind) => {
      counters.requests++;
      if (fault) counters.faults++;
      const route = routeName(method, url.pathname);
      counters.byRoute[route] = (counters.byRoute[route] ?? 0) + 1;
      log.push({
        at: started,
        method,
        path: url.pathname + url.search,
        status,
        fault,
        ms: Date.now() - started,
      });
      if (log.length > logLimit) log = log.slice(-logLimit);
    };

    if (req.headers.authorization !== expectedAuth) {
      record(401);
      return send(res, { status: 401, body: { error_message: "Invalid API key or secret" } });
    }
    if (!url.pathname.startsWith("/v1/")) {
      record(404);
      return send(res, { status: 404, body: { error_message: "Not found" } });
    }

    const fault =
      faults.rate > 0 && random() < faults.rate
        ? faults.kinds[Math.floor(random() * faults.kinds.length)]
        : undefined;
    if (fault === "drop") {
      record(0, fault);
      return req.socket.destroy();
    }
    if (fault === "429") {
      record(429, fault);
      return send(res, {
        status: 429,
        headers: { "retry-after": String(faults.retryAfterSeconds) },
        body: { error_message: "Too many requests" },
      });
    }
    if (fault === "500" || fault === "502" || fault === "503") {
      record(Number(fault), fault);
      return send(res, { status: Number(fault), body: { error_message: "Synthetic server error" } });
    }
    if (fault === "slow") await new Promise((r) => setTimeout(r, faults.slowMs));

    const reply = await handleApi(
      { state, opts: api, counters, bulkBusy },
      method,
      url.pathname.slice(3),
      url.searchParams,
      body,
    );
    record(reply.status, fault);
    if (fault === "drop_after") return req.socket.destroy();
    send(res, reply);
  });

  function testRoute(method: string, path: string, query: URLSearchParams, body: unknown): Reply {
    const b = (body ?? {}) as Record<string, unknown>;
    if (path === "/__state" && method === "GET") {
      const groups = [...state.groups.values()].map((g) => ({
        id: g.id,
        name: g.name,
        parent_group: g.parent_group,
        members: [...state.members.get(g.id)!.keys()].map((id) => state.users.get(id)!.email),
      }));
      return { status: 200, body: { counters, faults, options: api, log, groups, users: state.users.size } };
    }
    if (path === "/__user" && method === "GET") {
      const user = state.userByEmail(query.get("email") ?? "");
      return user
        ? { status: 200, body: state.userView(user) }
        : { status: 404, body: { error_message: "No such user" } };
    }
    if (path === "/__faults" && method === "POST") {
      faults = parseFaults(body, faults);
      random = makeRandom(faults.seed);
      return { status: 200, body: faults };
    }
    if (path === "/__options" && method === "PATCH") {
      Object.assign(api, b);
      return { status: 200, body: api };
    }
    if (path === "/__reset" && method === "POST") {
      counters = newCounters();
      log = [];
      if (b.data === true) {
        state.clear();
      }
      return { status: 200, body: { ok: true } };
    }
    if (path === "/__seed" && method === "POST") {
      const specs = Array.isArray(b.groups) ? (b.groups as { name: string; parent?: number }[]) : [];
      const created = specs.map((s) =>
        state.createGroup({ name: s.name, parent_group_id: s.parent ?? null }),
      );
      return { status: 200, body: { groups: created } };
    }
    return { status: 404, body: { error_message: "Unknown test route" } };
  }

  // A taken port (EADDRINUSE) rejects here; without the listener the server's "error" event would be unhandled
  // and end the process.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/v1`,
    port,
    state,
    counters: () => counters,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
