// The CSRF check of state-changing admin and logout requests.
import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const req = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/admin/x", { method: "POST", headers });

describe("isSameOriginRequest", () => {
  it("accepts this site's own pages (by Host, forwarded host or the configured site URL)", () => {
    expect(isSameOriginRequest(req({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe(true);
    expect(
      isSameOriginRequest(
        req({ origin: "https://members.example.org", host: "10.0.0.5:3000" }),
        "https://members.example.org/",
      ),
    ).toBe(true);
    expect(
      isSameOriginRequest(
        req({
          origin: "https://members.example.org",
          host: "app:3000",
          "x-forwarded-host": "members.example.org",
        }),
      ),
    ).toBe(true);
  });
  it("refuses another origin, a null origin and a cross-site fetch without Origin", () => {
    expect(isSameOriginRequest(req({ origin: "http://attacker.localhost", host: "127.0.0.1:3000" }))).toBe(
      false,
    );
    expect(isSameOriginRequest(req({ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" }))).toBe(false);
    expect(isSameOriginRequest(req({ origin: "null", host: "127.0.0.1:3000" }))).toBe(false);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "cross-site", host: "127.0.0.1:3000" }))).toBe(false);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "same-site", host: "127.0.0.1:3000" }))).toBe(false);
  });
  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) through: a session cookie is still required", () => {
    expect(isSameOriginRequest(req({ host: "127.0.0.1:3000" }))).toBe(true);
  });
});
