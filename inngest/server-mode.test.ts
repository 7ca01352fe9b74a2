// Server mode: /api/inngest only answers requests signed with the signing key (HMAC-SHA256 over the
// JCS-canonicalized body plus the timestamp, as an Inngest server signs them).
import { createHmac } from "node:crypto";
import canonicalize from "canonicalize";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

const signingKey = `signkey-test-${"ab12".repeat(16)}`;
let route: typeof import("@/app/api/inngest/route");

beforeAll(async () => {
  vi.stubEnv("INNGEST_MODE", "server");
  vi.stubEnv("INNGEST_SIGNING_KEY", signingKey);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  vi.resetModules();
  route = await import("@/app/api/inngest/route");
});
afterAll(() => vi.unstubAllEnvs());

function sign(body: string, key = signingKey, t = Math.floor(Date.now() / 1000)) {
  const hexKey = key.replace(/^signkey-\w+-/, "");
  const mac = createHmac("sha256", hexKey)
    .update(`${canonicalize(JSON.parse(body))}${t}`)
    .digest("hex");
  return `t=${t}&s=${mac}`;
}

const event = { name: "guildhall/demo.requested", data: { steps: 1 } };
const callBody = JSON.stringify({
  event,
  events: [event],
  version: 2,
  steps: {},
  ctx: {
    run_id: "r1",
    attempt: 0,
    disable_immediate_execution: false,
    use_api: false,
    stack: { stack: [], current: 0 },
  },
});

function post(signature?: string) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-inngest-server-kind": "cloud",
  };
  if (signature) headers["x-inngest-signature"] = signature;
  return route.POST(
    new NextRequest("http://localhost:3000/api/inngest?fnId=guildhall-demo&stepId=step", {
      method: "POST",
      body: callBody,
      headers,
    }),
    undefined as never,
  );
}

describe("/api/inngest in server mode", () => {
  it("rejects an unsigned call", async () => {
    expect((await post()).status).toBe(401);
  });

  it("rejects a call signed with another key or too long ago", async () => {
    expect((await post(sign(callBody, `signkey-test-${"cd34".repeat(16)}`))).status).toBe(401);
    expect((await post(sign(callBody, signingKey, Math.floor(Date.now() / 1000) - 3600))).status).toBe(401);
  });

  it("runs the function for a correctly signed call", async () => {
    const res = await post(sign(callBody));
    expect(res.status).toBe(206);
    const ops = (await res.json()) as { op: string; displayName: string; data: unknown }[];
    expect(ops).toMatchObject([{ op: "StepRun", displayName: "step-1", data: 1 }]);
    expect(res.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
  });
});
