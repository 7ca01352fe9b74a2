// Issue 15 §8: the API details the reference only guesses are settings, and degrade safely. Against the
// stand-in over real HTTP: a user update whose guessed method (PUT) the server does not allow falls back to
// the other method once and remembers; configured paths and the bulk body property are the ones called; and
// the settings form refuses a path it could not use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMobilizeStandIn, type MobilizeStandIn } from "@/scripts/stand-ins/mobilize/server";
import { createMobilizeConnector } from "./connector";
import { mobilizeSettingsSchema } from "./vendor";

let s: MobilizeStandIn;
beforeAll(async () => {
  s = await startMobilizeStandIn({ apiKey: "k", apiSecret: "s", api: { userUpdateMethods: ["PATCH"] } });
});
afterAll(() => s.close());

const person = (n: number, remoteUserId?: string) => ({
  personId: `p${n}`,
  email: `guess${n}@members.test`,
  firstName: `First${n}`,
  lastName: "Guess",
  companyName: null,
  jobTitle: null,
  remoteUserId,
});
const routes = () => s.counters().byRoute;

describe("guessed Mobilize API details", () => {
  it("a user update answered 405 to PUT is sent as PATCH, and later updates go straight to PATCH", async () => {
    const connector = createMobilizeConnector({ baseUrl: s.url, apiKey: "k", apiSecret: "s" });
    const user = s.state.upsertUser({ email: "guess1@members.test", first_name: "Old" });
    await connector.upsertPerson!(person(1, user.id));
    expect(s.state.users.get(user.id)!.first_name).toBe("First1");
    expect(routes()["PUT /v1/users/:id"]).toBe(1);
    expect(routes()["PATCH /v1/users/:id"]).toBe(1);
    await connector.upsertPerson!({ ...person(1, user.id), firstName: "Again" });
    expect(routes()["PUT /v1/users/:id"]).toBe(1); // remembered: no second 405
    expect(routes()["PATCH /v1/users/:id"]).toBe(2);
    expect(s.state.users.get(user.id)!.first_name).toBe("Again");
  });

  it("uses the configured bulk path, bulk body property and single-add path", async () => {
    const group = s.state.createGroup({ name: "Guessing" });
    const noBulk = createMobilizeConnector({ baseUrl: s.url, apiKey: "k", apiSecret: "s", bulkAddPath: "" });
    const before = routes()["POST /v1/groups/:id/members/bulk"] ?? 0;
    const added = await noBulk.addMembers(String(group.id), [person(2), person(3)]);
    expect(added.every((r) => r.ok)).toBe(true);
    expect(routes()["POST /v1/groups/:id/members/bulk"] ?? 0).toBe(before);
    expect(routes()["POST /v1/groups/:id/members"]).toBeGreaterThanOrEqual(2);

    // A body property this server does not read: its 400 is a per-batch failure, never a silent success.
    const wrongKey = createMobilizeConnector({
      baseUrl: s.url,
      apiKey: "k",
      apiSecret: "s",
      bulkBodyKey: "items",
    });
    const r = await wrongKey.addMembers(String(group.id), [person(4), person(5)]).catch((e: Error) => e);
    const confirmed = Array.isArray(r) ? r.filter((x) => x.ok).length : 0;
    expect(confirmed).toBe(0);
  });

  it("the settings refuse a path or method the connector could not use, naming the field", () => {
    const base = { apiKey: "k", apiSecret: "s" };
    for (const [field, value] of [
      ["addMemberPath", "groups/{group}/members"],
      ["memberPath", "/groups/{group}/members/{user}?x=1"],
      ["updateUserMethod", "POST"],
      ["bulkBodyKey", "not a key"],
      ["pageSize", "0"],
    ] as const) {
      const r = mobilizeSettingsSchema.safeParse({ ...base, [field]: value });
      expect(r.success, field).toBe(false);
      expect(r.error!.issues[0].path[0]).toBe(field);
    }
    expect(mobilizeSettingsSchema.parse(base)).toMatchObject({
      addMemberPath: "/groups/{group}/members",
      updateUserMethod: "PUT",
      bulkBodyKey: "members",
    });
  });
});
