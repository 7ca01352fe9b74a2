// PGlite has no lock of its own: two processes opening one data folder silently lose rows.
// The process that owns the folder holds `pglite.lock` and serves the database on a Unix socket,
// so every other process (the CLI while the site runs) connects through it instead of opening the files.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PgliteWireServer } from "./pglite-wire-server";

export type LockInfo = { pid: number; command: string; socketPath: string; startedAt: string };

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}), started ${holder.startedAt}. ` +
        `Stop that process first, or use the CLI, which connects to a running site through its socket.`,
    );
  }
}

const lockFile = (dataDir: string) => path.join(dataDir, "pglite.lock");

function socketPathFor(dataDir: string): string {
  const local = path.join(path.resolve(dataDir), ".s.PGSQL.5432");
  // Unix socket paths are limited to ~107 bytes; deep folders get a short path in the temp dir.
  if (local.length < 100) return local;
  const hash = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `guildhall-${hash}.sock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live owner of a data folder, if any (a stale lock left by a killed process is ignored). */
export function readLiveOwner(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockFile(dataDir), "utf8")) as LockInfo;
    return info.pid !== process.pid && isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

function acquireLock(dataDir: string, socketPath: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  const info: LockInfo = {
    pid: process.pid,
    command: process.argv.slice(1).join(" ").slice(0, 200),
    socketPath,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx", mode: 0o600 });
      const release = () => {
        try {
          const current = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
          if (current.pid === process.pid) fs.rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readLiveOwner(dataDir);
      if (holder) throw new DataDirInUseError(dataDir, holder);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

export type PgliteOwner = { socketPath: string; pglite: PGlite; close: () => Promise<void> };

/** Opens the PGlite folder as its single owner and serves it on a Unix socket. */
export async function openPgliteOwner(dataDir: string): Promise<PgliteOwner> {
  const socketPath = socketPathFor(dataDir);
  const release = acquireLock(dataDir, socketPath);
  try {
    const pglite = await PGlite.create(path.join(dataDir, "pglite"));
    const server = new PgliteWireServer(pglite, socketPath);
    await server.start();
    return {
      socketPath,
      pglite,
      close: async () => {
        await server.stop();
        await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Serves an in-memory PGlite (optionally loaded from a dump) on a fresh socket: used by tests. */
export async function openEphemeralPglite(loadDataDir?: Blob): Promise<PgliteOwner> {
  const pglite = await PGlite.create({ loadDataDir });
  const socketPath = path.join(
    os.tmpdir(),
    `guildhall-test-${process.pid}-${Math.random().toString(36).slice(2)}.sock`,
  );
  const server = new PgliteWireServer(pglite, socketPath);
  await server.start();
  return {
    socketPath,
    pglite,
    close: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}
