import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/db";
import { eventInputSchema } from "@/lib/schemas/admin";
import { latestCursor, listChangesAfter, listRecordHistory } from "./changes";
import { createEvent, listEvents, updateEvent } from "./events";
import { createPerson } from "@/lib/records/people";
import { listEventRegistrations, listPersonRegistrations } from "./registrations";
import { registerPerson, removeRegistration, setRegistrationStatus } from "@/lib/records/registrations";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const soon = (days: number) => new Date(Date.now() + days * 86_400_000);

describe("events and registrations", () => {
  it("creates and updates events through the outbox and lists upcoming vs past", async () => {
    const e = await createEvent(
      t.db,
      eventInputSchema.parse({ name: "Gala", startsAt: soon(5).toISOString() }),
      "cli",
    );
    await createEvent(t.db, eventInputSchema.parse({ name: "Old", startsAt: soon(-5).toISOString() }), "cli");
    await updateEvent(t.db, e.id, { location: "Hall A" }, "cli");
    expect((await listEvents(t.db)).map((x) => x.name)).toEqual(["Gala"]);
    expect((await listEvents(t.db, { when: "past" })).map((x) => x.name)).toEqual(["Old"]);
    const h = await listRecordHistory(t.db, "event", e.id);
    expect(h.map((x) => x.op)).toEqual(["updated", "created"]);
    expect(h[0].after).toEqual({ location: "Hall A" });
  });

  it("registers, waitlists when full, changes status and removes, each with an outbox row", async () => {
    const e = await createEvent(
      t.db,
      eventInputSchema.parse({ name: "Small", startsAt: soon(3).toISOString(), capacity: "1" }),
      "cli",
    );
    const a = await createPerson(t.db, { firstName: "Ada", lastName: "Lovelace" }, "cli");
    const b = await createPerson(t.db, { firstName: "Bob", lastName: "Babbage" }, "cli");
    const start = await latestCursor(t.db);
    const ra = await registerPerson(t.db, { eventId: e.id, personId: a.id }, "cli");
    const rb = await registerPerson(t.db, { eventId: e.id, personId: b.id }, "cli");
    expect([ra.status, rb.status]).toEqual(["registered", "waitlisted"]);
    await setRegistrationStatus(t.db, ra.id, "cancelled", "cli");
    await removeRegistration(t.db, rb.id, "cli");
    const ops = (await listChangesAfter(t.db, start)).map((c) => `${c.recordType}:${c.op}`);
    expect(ops).toEqual([
      "registration:created",
      "registration:created",
      "registration:updated",
      "registration:deleted",
    ]);
    expect((await listEventRegistrations(t.db, e.id)).map((r) => [r.lastName, r.status])).toEqual([
      ["Lovelace", "cancelled"],
    ]);
    expect((await listPersonRegistrations(t.db, a.id))[0]).toMatchObject({
      eventName: "Small",
      status: "cancelled",
    });
  });

  it("refuses a double registration and unknown records without writing", async () => {
    const e = await createEvent(
      t.db,
      eventInputSchema.parse({ name: "Twice", startsAt: soon(1).toISOString() }),
      "cli",
    );
    const p = await createPerson(t.db, { firstName: "Cy", lastName: "Twice" }, "cli");
    await registerPerson(t.db, { eventId: e.id, personId: p.id }, "cli");
    const start = await latestCursor(t.db);
    await expect(registerPerson(t.db, { eventId: e.id, personId: p.id }, "cli")).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      registerPerson(t.db, { eventId: e.id, personId: "00000000-0000-4000-8000-000000000000" }, "cli"),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await listChangesAfter(t.db, start)).toHaveLength(0);
  });

  it("validates event input naming the field", () => {
    const r = eventInputSchema.safeParse({
      name: "",
      startsAt: "2026-05-02T10:00",
      endsAt: "2026-05-01T10:00",
      capacity: "0",
    });
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["capacity", "endsAt", "name"]);
    const r2 = eventInputSchema.safeParse({
      name: "x",
      startsAt: "2026-05-02T10:00",
      endsAt: "2026-05-01T10:00",
    });
    expect(r2.error!.issues.map((i) => i.path.join("."))).toEqual(["endsAt"]);
  });
});
