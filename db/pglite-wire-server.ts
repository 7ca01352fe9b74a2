// Serves one PGlite over a Unix socket to several postgres.js clients (the app's pool, the CLI).
// PGlite has a single backend session, so clients must never interleave inside a request: the stock
// pglite-socket server queues single protocol messages from all clients together, and a Bind from one client
// between another's Parse and Execute loses the unnamed statement or portal. Here a client holds the backend
// from the first message of a request to its Sync (or simple Query), and to the end of a transaction it
// opened (a disconnect rolls it back); other clients wait their turn.
import fs from "node:fs";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Messages that end a request: Sync, simple Query, Terminate. (Not Flush: postgres.js sends
 * Parse/Describe/Flush and then Bind/Execute/Sync that rely on the same unnamed statement.) */
const REQUEST_END = new Set(["S", "Q", "X"].map((c) => c.charCodeAt(0)));

type Conn = { id: number; socket: net.Socket; started: boolean; buffer: Buffer };

export class PgliteWireServer {
  private server: net.Server | null = null;
  private nextId = 1;
  /** The connection that holds the backend (while running a batch or inside its transaction). */
  private holder: number | null = null;
  private waiters: { id: number; grant: () => void }[] = [];
  private conns = new Set<Conn>();

  constructor(
    private readonly db: PGlite,
    private readonly path: string,
  ) {}

  async start(): Promise<void> {
    fs.rmSync(this.path, { force: true });
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.path, () => resolve());
    });
    fs.chmodSync(this.path, 0o600);
  }

  async stop(): Promise<void> {
    for (const c of this.conns) c.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    fs.rmSync(this.path, { force: true });
  }

  private accept(socket: net.Socket) {
    const conn: Conn = { id: this.nextId++, socket, started: false, buffer: Buffer.alloc(0) };
    this.conns.add(conn);
    let chain: Promise<unknown> = Promise.resolve();
    socket.on("data", (data) => {
      conn.buffer = Buffer.concat([conn.buffer, data]);
      // A connection's messages run in order: each drain waits for the previous one.
      chain = chain.then(() => this.drain(conn)).catch(() => socket.destroy());
    });
    const close = () => {
      if (!this.conns.delete(conn)) return;
      chain = chain.then(() => this.release(conn, true));
    };
    socket.on("close", close);
    socket.on("error", close);
  }

  /**
   * Runs every complete message in the connection's buffer, one at a time as PGlite expects, holding the
   * backend from the first message of a request until its Sync/Query (and to the end of a transaction).
   */
  private async drain(conn: Conn): Promise<void> {
    for (;;) {
      const message = this.takeMessage(conn);
      if (!message) return;
      if (message.length === 0) continue;
      await this.acquire(conn.id);
      let failed = true;
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(new Uint8Array(message), {
            onRawData: (out) => {
              if (out.length && conn.socket.writable) conn.socket.write(Buffer.from(out));
            },
          }),
        );
        failed = false;
      } finally {
        const ended = !conn.started || REQUEST_END.has(message[0]) || failed;
        if (ended) await this.release(conn, false);
      }
    }
  }

  /** The next complete message (empty when only a handshake byte was answered), or null if incomplete. */
  private takeMessage(conn: Conn): Buffer | null {
    const buf = conn.buffer;
    if (!conn.started) {
      if (buf.length < 8) return null;
      const len = buf.readInt32BE(0);
      const code = buf.readInt32BE(4);
      if (buf.length < len) return null;
      conn.buffer = buf.subarray(len);
      if (code === SSL_REQUEST) {
        conn.socket.write("N"); // no TLS on a local socket
        return Buffer.alloc(0);
      }
      if (code === CANCEL_REQUEST) return Buffer.alloc(0);
      const startup = buf.subarray(0, len);
      if (code === PROTOCOL_3) conn.started = true;
      return startup;
    }
    if (buf.length < 5) return null;
    const end = 1 + buf.readInt32BE(1);
    if (buf.length < end) return null;
    conn.buffer = buf.subarray(end);
    return buf.subarray(0, end);
  }

  private acquire(id: number): Promise<void> {
    if (this.holder === null || this.holder === id) {
      this.holder = id;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push({ id, grant }));
  }

  /** Gives the backend to the next waiter, unless the holder is inside a transaction it has not ended. */
  private async release(conn: Conn, disconnected: boolean): Promise<void> {
    if (this.holder !== conn.id) return;
    if (this.db.isInTransaction()) {
      if (!disconnected) return;
      await this.db.exec("rollback").catch(() => {}); // exec takes PGlite's own lock
    }
    const next = this.waiters.shift();
    this.holder = next ? next.id : null;
    next?.grant();
  }
}
