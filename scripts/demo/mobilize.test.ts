// `npm start`'s demo Mobilize stand-in when its port is taken, as by a second Guildhall on the same machine
// (another PORT and data folder): it starts on a free port instead of ending the process with EADDRINUSE,
// and a later start points the saved demo connection at wherever the stand-in now runs. Loopback only.
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getIntegration } from "@/db/queries/integrations";
import { getSyncLink } from "@/db/queries/sync-links";
import { syncLinks } from "@/db/schema";
import { connectorFor, saveConnection } from "@/lib/connectors/connections";
import { runSync } from "@/lib/sync/engine";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { createTestDb, type TestDb } from "@/test/db";
import { DEMO_STANDIN_PORT, linkDemoGroup, resumeDemoStandIn, startDemoStandIn } from "./mobilize";

/** Holds `port` on 127.0.0.1 until the returned function is called; already taken (by anything) is as good. */
async function occupy(port: number): Promise<() => Promise<void>> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") return async () => {};
    throw e;
  }
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

const running: MobilizeStandIn[] = [];
const releases: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await Promise.all(releases.splice(0).map((r) => r()));
});

describe("the demo stand-in on a taken port", () => {
  it("the stand-in server rejects (does not crash the process) when its port is taken", async () => {
    const held = (await startDemoStandIn(0))!;
    running.push(held);
    await expect(startMobilizeStandIn({ port: held.port, host: "127.0.0.1" })).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });

  it("starts on a free port instead of crashing when 4010 is taken", async () => {
    releases.push(await occupy(DEMO_STANDIN_PORT));
    const standIn = await startDemoStandIn();
    expect(standIn).not.toBeNull();
    running.push(standIn!);
    expect(standIn!.port).not.toBe(DEMO_STANDIN_PORT);
    expect(standIn!.url).toBe(`http://localhost:${standIn!.port}/v1`);
    // It answers, with the demo's groups.
    const res = await fetch(`http://127.0.0.1:${standIn!.port}/__state`);
    expect(res.status).toBe(200);
    const state = (await res.json()) as { groups: { name: string }[] };
    expect(state.groups.map((g) => g.name)).toEqual([
      "Board Members",
      "Board Committee",
      "All Members Community",
    ]);
  });
});

describe("a later start (saved demo connection)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("moves the connection to the stand-in's new port when the saved one is taken, and the link syncs", async () => {
    const first = (await startDemoStandIn(0))!;
    await linkDemoGroup(t.db, first); // first start: connection + "Current members" linked
    const before = await getIntegration(t.db, "mobilize");
    expect(before?.baseUrl).toBe(first.url);
    await first.close(); // the site stopped…
    releases.push(await occupy(first.port)); // …and something else (a second Guildhall) took the port

    const second = await resumeDemoStandIn(t.db);
    expect(second).not.toBeNull();
    running.push(second!);
    expect(second!.port).not.toBe(first.port);
    const after = await getIntegration(t.db, "mobilize");
    expect(after?.baseUrl).toBe(second!.url);
    // Credentials and options kept, the link too; it reaches the new stand-in.
    expect(after).toMatchObject({
      apiKeyEnc: before!.apiKeyEnc,
      apiSecretEnc: before!.apiSecretEnc,
      options: before!.options,
    });
    const connector = await connectorFor(t.db, "mobilize");
    await expect(connector!.testConnection()).resolves.toBeUndefined();
    const links = await t.db.select({ id: syncLinks.id }).from(syncLinks);
    expect(links).toHaveLength(1);
    const linkId = links[0].id;
    const result = await runSync(t.db, linkId);
    expect(result.status).toBe("up_to_date");
    expect((await getSyncLink(t.db, linkId))?.status).toBe("up_to_date");
  });

  it("keeps the saved URL when its port is free", async () => {
    const saved = (await getIntegration(t.db, "mobilize"))!.baseUrl;
    const standIn = await resumeDemoStandIn(t.db);
    expect(standIn).not.toBeNull();
    running.push(standIn!);
    expect(standIn!.url).toBe(saved);
    expect((await getIntegration(t.db, "mobilize"))!.baseUrl).toBe(saved);
  });

  it("leaves a connection that is not the demo's alone", async () => {
    const other = await startDemoStandIn(0); // any server will do: the credentials differ
    running.push(other!);
    await saveConnection(t.db, { vendor: "mobilize", baseUrl: other!.url, apiKey: "k", apiSecret: "s" });
    expect(await resumeDemoStandIn(t.db)).toBeNull();
    expect((await getIntegration(t.db, "mobilize"))!.baseUrl).toBe(other!.url);
  });
});
