// Settings whose default depends on another one.
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("GUILDHALL_SEED_DEMO", () => {
  it.each([
    ["production", false],
    ["development", true],
    ["test", true],
  ] as const)("unset with NODE_ENV=%s: seed demo data = %s", (nodeEnv, seed) => {
    expect(parseEnv({ NODE_ENV: nodeEnv }).GUILDHALL_SEED_DEMO).toBe(seed);
  });

  it("unset with NODE_ENV unset (development): seeds", () => {
    expect(parseEnv({}).GUILDHALL_SEED_DEMO).toBe(true);
  });

  it.each(["production", "development"] as const)("an explicit value wins with NODE_ENV=%s", (nodeEnv) => {
    expect(parseEnv({ NODE_ENV: nodeEnv, GUILDHALL_SEED_DEMO: "1" }).GUILDHALL_SEED_DEMO).toBe(true);
    expect(parseEnv({ NODE_ENV: nodeEnv, GUILDHALL_SEED_DEMO: "0" }).GUILDHALL_SEED_DEMO).toBe(false);
  });

  it("rejects values that are not a yes or no", () => {
    expect(() => parseEnv({ GUILDHALL_SEED_DEMO: "maybe" })).toThrow(/GUILDHALL_SEED_DEMO/);
  });
});
