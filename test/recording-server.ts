// A tiny HTTP server on 127.0.0.1 for tests of outbound calls: it records every request (method, path,
// headers) and answers with whatever `reply` returns (default 200 `[]`).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Recorded = { method: string; path: string; headers: http.IncomingHttpHeaders };
export type Reply = { status: number; headers?: Record<string, string>; body?: string };

export type RecordingServer = {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: Recorded[];
  reply: (r: Recorded) => Reply;
  close: () => Promise<void>;
};

export async function startRecordingServer(reply?: (r: Recorded) => Reply): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const self = { requests, reply: reply ?? (() => ({ status: 200, body: "[]" })) } as RecordingServer;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const r = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers };
      requests.push(r);
      const out = self.reply(r);
      res.writeHead(out.status, { "content-type": "application/json", ...out.headers });
      res.end(out.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  self.port = (server.address() as AddressInfo).port;
  self.origin = `http://127.0.0.1:${self.port}`;
  self.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return self;
}
