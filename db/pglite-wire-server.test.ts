// Several clients on one PGlite socket must behave like separate sessions: no interleaving inside a
// request (unnamed statements and portals survive) and transactions isolated from other clients' batches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import postgres from "postgres";
import { openEphemeralPglite, type PgliteOwner } from "./pglite-owner";

let owner: PgliteOwner;
const clients: postgres.Sql[] = [];
const connect = () => {
  const sql = postgres({
    path: owner.socketPath,
    max: 2,
    username: "postgres",
    database: "postgres",
    onnotice: () => {},
  });
  clients.push(sql);
  return sql;
};

beforeAll(async () => {
  owner = await openEphemeralPglite();
  const sql = connect();
  await sql`create table t (id serial primary key, who text not null, n int not null)`;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await owner.close();
});

describe("PGlite wire server", () => {
  it("keeps each client's requests whole under heavy interleaving", async () => {
    // Extended-protocol requests (Parse/Bind/Execute/Sync) with the unnamed portal: the stock server broke these.
    const a = connect();
    const b = connect();
    const c = connect();
    const work = (sql: postgres.Sql, who: string) =>
      Promise.all(
        Array.from({ length: 150 }, async (_, i) => {
          await sql`insert into t (who, n) values (${who}, ${i})`;
          const [row] = await sql`select count(*)::int as n from t where who = ${who} and n <= ${i}`;
          return row.n as number;
        }),
      );
    const results = await Promise.all([work(a, "a"), work(b, "b"), work(c, "c")]);
    for (const r of results) expect(r.every((n) => n >= 1)).toBe(true);
    const counts = await c`select who, count(*)::int as n from t group by who order by who`;
    expect(counts.map((r) => [r.who, r.n])).toEqual([
      ["a", 150],
      ["b", 150],
      ["c", 150],
    ]);
  });

  it("isolates an open transaction from other clients until it ends", async () => {
    const a = connect();
    const b = connect();
    let bSawDuring: number | null = null;
    await a.begin(async (tx) => {
      await tx`insert into t (who, n) values ('tx', 1)`;
      // b's read waits for a's transaction (one backend), so it must not see the uncommitted row mid-way.
      const read = b`select count(*)::int as n from t where who = 'tx'`.then(([r]) => (bSawDuring = r.n));
      await new Promise((r) => setTimeout(r, 50));
      expect(bSawDuring).toBeNull();
      await tx`insert into t (who, n) values ('tx', 2)`;
      void read;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(bSawDuring).toBe(2);
    await expect(
      a.begin(async (tx) => {
        await tx`insert into t (who, n) values ('rolled', 1)`;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await b`select count(*)::int as n from t where who = 'rolled'`)[0].n).toBe(0);
  });

  it("rolls back the transaction of a client that dies mid-way and serves the others", async () => {
    const b = connect();
    // A separate process opens a transaction, inserts, and is killed before it commits.
    const child = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { spawn } from "node:child_process";
import postgres from "postgres";
         const sql = postgres({ path: ${JSON.stringify(owner.socketPath)}, max: 1, username: "postgres", database: "postgres" });
         sql.begin(async (tx) => { await tx\`insert into t (who, n) values ('lost', 1)\`; console.log("inserted"); await new Promise(() => {}); });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => child.stdout!.on("data", () => resolve()));
    const pending = b`select count(*)::int as n from t where who = 'lost'`;
    child.kill("SIGKILL");
    expect((await pending)[0].n).toBe(0);
  });
});
