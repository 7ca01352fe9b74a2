// Groups benchmark: 100,000 people, 5,000 companies, 200 groups of varied conditions, on Postgres and on
// PGlite, each query measured beside hand-written SQL for the same condition in the same run.
//   npm run bench:groups [-- --iterations 20] [-- --only postgres|pglite]
// Postgres: a scratch database on TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { sql, type SQL } from "drizzle-orm";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { connectPgliteSocket, connectPostgres, migrationsFolder, type DbHandle } from "@/db/client";
import { openEphemeralPglite } from "@/db/pglite-owner";
import { membersSql } from "@/lib/groups/compile";
import { loadConditionContext } from "@/lib/groups/context";
import { membershipDiffSql } from "@/db/queries/membership-log";
import { applyGroupDiff, groupsOfRecords } from "@/lib/groups/membership";
import type { ConditionContext, GroupDef } from "@/lib/groups/types";
import { seedBench, benchGroups } from "./bench-groups-seed";

const { values } = parseArgs({
  options: { iterations: { type: "string", default: "20" }, only: { type: "string" } },
});
const N = Number(values.iterations);
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

type Stat = { p50: number; p95: number };
const pct = (a: number[], p: number) => a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
const stat = (a: number[]): Stat => {
  const s = [...a].sort((x, y) => x - y);
  return { p50: +pct(s, 50).toFixed(2), p95: +pct(s, 95).toFixed(2) };
};

/** Times two queries interleaved (so drift hits both alike), after warm-up runs. */
async function pair(h: DbHandle, ours: SQL | (() => Promise<unknown[]>), theirs: SQL, n = N) {
  const run = async (q: SQL | (() => Promise<unknown[]>)) => {
    const t0 = performance.now();
    const rows = (typeof q === "function" ? await q() : await h.db.execute(q)) as unknown as unknown[];
    return { ms: performance.now() - t0, rows: rows.length };
  };
  for (let i = 0; i < 3; i++) {
    await run(ours);
    await run(theirs);
  }
  const a: number[] = [];
  const b: number[] = [];
  let rows = [0, 0];
  for (let i = 0; i < n; i++) {
    const x = await run(ours);
    const y = await run(theirs);
    a.push(x.ms);
    b.push(y.ms);
    rows = [x.rows, y.rows];
  }
  const o = stat(a);
  const t = stat(b);
  return { ours: o, handWritten: t, ratio: +(o.p50 / t.p50).toFixed(2), rows };
}

const STATUS_CURRENT = `p.membership_type_id is not null and (p.expiry_date is null or p.expiry_date >= current_date)`;
const hand3 = (regions: string[]) =>
  `from people p join companies c on c.id = p.company_id where ${STATUS_CURRENT} and (${regions
    .map((r) => `p.custom @> '{"region":"${r}"}'`)
    .join(" or ")}) and c.active`;

async function measure(h: DbHandle) {
  const t0 = performance.now();
  const seeded = await seedBench(h);
  const seedMs = performance.now() - t0;
  const ctx: ConditionContext = await loadConditionContext(h.db);
  const three = ctx.groups.get(seeded.threeClauseId)!;
  const results: Record<string, unknown> = { seedMs: Math.round(seedMs) };

  results.count3 = await pair(
    h,
    sql`select count(*)::int as n from (${membersSql(three, ctx)}) x`,
    sql.raw(`select count(*)::int as n ${hand3(["north"])}`),
  );
  results.idList = await pair(
    h,
    sql`select record_id from (${membersSql(three, ctx)}) x`,
    sql.raw(`select p.id ${hand3(["north"])}`),
  );

  // Store the 3-clause group's members, then edit its condition (north → north or east) and diff.
  await h.db.transaction((tx) => applyGroupDiff(tx, three, ctx, null));
  const edited: GroupDef = {
    ...three,
    conditions: JSON.parse(JSON.stringify(three.conditions).replace('["north"]', '["north","east"]')),
  };
  const cur = `select record_id from group_members where group_id = '${three.id}'`;
  const neu = `select p.id ${hand3(["north", "east"])}`;
  results.diff = await pair(
    h,
    membershipDiffSql(edited.id, membersSql(edited, ctx)),
    sql.raw(`(${neu} except ${cur}) union all (${cur} except ${neu})`),
  );
  // The whole apply (diff + member writes + log) in a rolled-back transaction, for reference.
  const applyMs: number[] = [];
  for (let i = 0; i < Math.min(N, 5); i++) {
    const t = performance.now();
    await h.db
      .transaction(async (tx) => {
        await applyGroupDiff(tx, edited, ctx, null);
        throw new Error("rollback");
      })
      .catch(() => {});
    applyMs.push(performance.now() - t);
  }
  results.applyEditWithWrites = stat(applyMs);

  // One changed person against all 200 groups in one query.
  const all = [...ctx.groups.values()];
  const [{ id }] = (await h.db.execute(
    sql`select id::text from people where custom->>'score' = '42' limit 1`,
  )) as unknown as { id: string }[];
  const one = () => groupsOfRecords(h.db, "person", [id], ctx);
  const hand1 = sql.raw(
    `select p.id from people p join companies c on c.id = p.company_id where p.id = '${id}' and ${STATUS_CURRENT} and p.custom @> '{"region":"north"}' and c.active`,
  );
  results.recordAcross200 = {
    ...(await pair(h, one, hand1, N * 5)),
    groups: all.length,
    note: "hand-written = the same record against ONE group",
  };
  return results;
}

async function onPostgres() {
  const name = `gh_bench_groups_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const h = connectPostgres(u.toString(), 4);
  try {
    await migrate(h.db, { migrationsFolder });
    return await measure(h);
  } finally {
    await h.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

async function onPglite() {
  const owner = await openEphemeralPglite();
  const h = connectPgliteSocket(owner.socketPath, owner.close);
  try {
    await migrate(h.db, { migrationsFolder });
    return await measure(h);
  } finally {
    await h.close();
  }
}

const out: Record<string, unknown> = {
  iterations: N,
  groups: benchGroups,
  seedId: crypto.randomUUID().slice(0, 8),
};
if (values.only !== "pglite") out.postgres = await onPostgres();
if (values.only !== "postgres") out.pglite = await onPglite();
console.log(JSON.stringify(out, null, 2));
process.exit(0);
