// Each data family and field stays closed on every path (issue 15 §3): the changes feed gives each entry
// type only under its endpoint's rules (registrations need membership AND event access, never for a draft
// event), and a key searches only on fields it may read.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/db/queries/events";
import { registerPerson, removeRegistration } from "@/lib/records/registrations";
import { call, closeTestHandle, seedGroup, seedKey, seedPerson, useTestHandle } from "@/test/api-harness";
import { createTestDb, type TestDb } from "@/test/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  useTestHandle(t);
});
afterAll(() => closeTestHandle(t));

const event = (status: "published" | "draft") =>
  createEvent(
    t.db,
    { name: `E ${status}`, description: "", startsAt: new Date(Date.now() + 86400e3), status },
    "cli",
  );

async function feedOf(secret: string) {
  const r = await call("GET /api/v1/changes?limit=200", { key: secret });
  expect(r.status).toBe(200);
  return r.body.data as { record_type: string; id: string; data: Record<string, unknown> | null }[];
}

describe("the changes feed keeps families closed", () => {
  it("gives registrations only to keys with membership access, never for draft events", async () => {
    const eventsOnly = await seedKey(t, { name: "events only", memberAccess: false, eventAccess: true });
    const both = await seedKey(t, { name: "both", memberAccess: true, eventAccess: true });
    const p = await seedPerson(t);
    const published = await event("published");
    const draft = await event("draft");
    const open = await registerPerson(t.db, { eventId: published.id, personId: p.id }, "cli");
    const hidden = await registerPerson(t.db, { eventId: draft.id, personId: p.id }, "cli");
    await removeRegistration(t.db, hidden.id, "cli");

    expect(
      (await call(`GET /api/v1/events/${published.id}/registrations`, { key: eventsOnly.secret })).status,
    ).toBe(403);
    const theirs = await feedOf(eventsOnly.secret);
    expect(theirs.filter((e) => e.record_type === "registration")).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(p.id);
    expect(theirs.some((e) => e.id === published.id)).toBe(true); // events themselves still come

    expect((await call(`GET /api/v1/events/${draft.id}`, { key: both.secret })).status).toBe(404);
    const regs = (await feedOf(both.secret)).filter((e) => e.record_type === "registration");
    expect(regs.map((e) => e.id)).toEqual([open.id]);
  });
});

describe("search on readable fields only", () => {
  it("never matches a field the key may not read (email), for any prefix", async () => {
    const p = await seedPerson(t, {
      firstName: "Zed",
      lastName: "Quill",
      email: "xylo.secret@hidden.example",
    });
    const noEmail = await seedKey(t, { name: "no email", limitMemberData: true, memberFields: ["phone"] });
    const withEmail = await seedKey(t, { name: "email", limitMemberData: true, memberFields: ["email"] });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: "xylo.secret@hidden".length }), async (n) => {
        const q = encodeURIComponent("xylo.secret@hidden".slice(0, n));
        const hidden = await call(`GET /api/v1/members?q=${q}`, { key: noEmail.secret });
        expect(hidden.status).toBe(200);
        expect(hidden.body.data.map((r: { id: string }) => r.id)).not.toContain(p.id);
        const shown = await call(`GET /api/v1/members?q=${q}`, { key: withEmail.secret });
        expect(shown.body.data.map((r: { id: string }) => r.id)).toContain(p.id);
      }),
      { numRuns: 10 },
    );
    // Names are identity fields every key reads: they stay searchable.
    const byName = await call("GET /api/v1/members?q=quill", { key: noEmail.secret });
    expect(byName.body.data.map((r: { id: string }) => r.id)).toContain(p.id);
  });
});

describe("a taken email reveals nothing about records outside the key's scope", () => {
  it("create and update answer the same for a duplicate inside and outside the key's group", async () => {
    const inside = await seedPerson(t);
    const insideToo = await seedPerson(t);
    const outside = await seedPerson(t);
    const group = await seedGroup(t, [
      { type: "person", id: inside.id },
      { type: "person", id: insideToo.id },
    ]);
    const { secret } = await seedKey(t, {
      name: "scoped writer",
      limitMemberData: true,
      groupId: group,
      memberFields: ["email"],
    });
    const create = (email: string) =>
      call("POST /api/v1/people", { key: secret, body: { first_name: "Dup", last_name: "Licate", email } });
    const [visible, hidden] = [await create(insideToo.email!), await create(outside.email!)];
    expect(visible.status).toBe(409);
    expect({ status: hidden.status, body: hidden.body }).toEqual({
      status: visible.status,
      body: JSON.parse(JSON.stringify(visible.body).replaceAll(insideToo.email!, outside.email!)),
    });
    expect(JSON.stringify(hidden.body)).not.toContain(outside.id);
    expect(JSON.stringify(hidden.body)).not.toContain(outside.firstName);

    const patch = (email: string) =>
      call(`PATCH /api/v1/people/${inside.id}`, { key: secret, body: { email } });
    const [pVisible, pHidden] = [await patch(insideToo.email!), await patch(outside.email!)];
    expect(pVisible.status).toBe(409);
    expect(pHidden.status).toBe(pVisible.status);
    expect(JSON.stringify(pHidden.body).replaceAll(outside.email!, "X")).toBe(
      JSON.stringify(pVisible.body).replaceAll(insideToo.email!, "X"),
    );
  });
});
