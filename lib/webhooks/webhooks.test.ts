// SSRF rules at save and at delivery, signing verified like a consumer would, sealed secrets.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { deliverOnce } from "./deliver";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import { newSigningSecret } from "./sign";
import { signDelivery } from "./sign";
import { env } from "@/lib/core/env";
import { checkOutboundTarget, type Resolver } from "@/lib/outbound/address-guard";

const publicResolver: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
const privateResolver: Resolver = async () => [{ address: "10.0.0.5", family: 4 }];
const mixedResolver: Resolver = async () => [
  { address: "93.184.216.34", family: 4 },
  { address: "169.254.169.254", family: 4 },
];

const refused: [string, Resolver?][] = [
  ["ftp://example.com/hook"],
  ["file:///etc/passwd"],
  ["gopher://example.com"],
  ["http://localhost/hook"],
  ["http://api.localhost/hook"],
  ["http://127.0.0.1/hook"],
  ["http://127.1/hook"],
  ["http://0/hook"],
  ["http://0.0.0.0/hook"],
  ["http://2130706433/hook"],
  ["http://0x7f000001/hook"],
  ["http://0x7f.1/hook"],
  ["http://0177.0.0.1/hook"],
  ["http://[::1]/hook"],
  ["http://[::ffff:127.0.0.1]/hook"],
  ["http://[::ffff:7f00:1]/hook"],
  ["http://[::127.0.0.1]/hook"],
  ["http://[::7f00:1]/hook"],
  ["http://[::a9fe:a9fe]/hook"],
  ["http://[64:ff9b::7f00:1]/hook"],
  ["http://[2002:7f00:1::]/hook"],
  ["http://[0:0:0:0:0:ffff:169.254.169.254]/hook"],
  ["http://10.1.2.3/hook"],
  ["http://172.16.0.1/hook"],
  ["http://192.168.1.1/hook"],
  ["http://169.254.169.254/latest/meta-data"],
  ["http://100.64.0.1/hook"],
  ["http://[fe80::1]/hook"],
  ["http://[fc00::1]/hook"],
  ["http://metadata.google.internal/computeMetadata"],
  ["http://user:pw@example.com/hook"],
  ["http://internal.example.com/hook", privateResolver],
  ["http://sneaky.example.com/hook", mixedResolver],
  ["not a url"],
];

describe("SSRF rules at save", () => {
  it.each(refused)("refuses %s", async (url, resolve) => {
    await expect(
      checkOutboundTarget(url, {
        allowPrivate: false,
        field: "webhookUrls.0",
        resolve: resolve ?? publicResolver,
      }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { fields: [{ field: "webhookUrls.0" }] } });
  });

  it.each(["https://hooks.example.com/in", "http://93.184.216.34:8080/x"])("accepts %s", async (url) => {
    await expect(
      checkOutboundTarget(url, { allowPrivate: false, resolve: publicResolver }),
    ).resolves.toBeTruthy();
  });

  it("allows private targets when the site setting says so, but never other schemes", async () => {
    await expect(checkOutboundTarget("http://127.0.0.1:9/x", { allowPrivate: true })).resolves.toBeTruthy();
    await expect(checkOutboundTarget("ftp://127.0.0.1/x", { allowPrivate: true })).rejects.toThrow(/http/);
  });

  it("lets through exactly the hosts the operator allows (GUILDHALL_OUTBOUND_ALLOW), nothing else", async () => {
    const saved = env.GUILDHALL_OUTBOUND_ALLOW;
    env.GUILDHALL_OUTBOUND_ALLOW = "127.0.0.1:4010, localhost";
    try {
      const no = { allowPrivate: false };
      await expect(checkOutboundTarget("http://127.0.0.1:4010/v1", no)).resolves.toBeTruthy();
      await expect(checkOutboundTarget("http://localhost:3000/", no)).resolves.toBeTruthy();
      await expect(checkOutboundTarget("http://127.0.0.1:4011/v1", no)).rejects.toThrow(/private, loopback/);
      await expect(checkOutboundTarget("http://10.0.0.1:4010/v1", no)).rejects.toThrow(/private, loopback/);
    } finally {
      env.GUILDHALL_OUTBOUND_ALLOW = saved;
    }
  });
});

describe("delivery", () => {
  let server: http.Server;
  let port = 0;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(req.url === "/gone" ? 410 : 200).end("thanks ".repeat(200));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("signs with Standard Webhooks; a consumer verifies with the same library, both secrets while rotating", async () => {
    const current = newSigningSecret();
    const previous = newSigningSecret();
    const payload = JSON.stringify({ type: "test", timestamp: new Date().toISOString(), data: {} });
    const headers = signDelivery([current, previous], { id: "msg_1", timestamp: new Date(), payload });
    const result = await deliverOnce(`http://127.0.0.1:${port}/hook`, headers, payload, {
      allowPrivate: true,
    });
    expect(result.status).toBe(200);
    expect(result.excerpt.length).toBe(500);
    const got = received.at(-1)!;
    const h = got.headers as Record<string, string>;
    expect(new Webhook(current).verify(got.body, h)).toEqual(JSON.parse(payload));
    expect(new Webhook(previous).verify(got.body, h)).toEqual(JSON.parse(payload));
    expect(() => new Webhook(newSigningSecret()).verify(got.body, h)).toThrow();
  });

  it("checks the address again at delivery (DNS rebinding) and refuses private targets", async () => {
    await expect(
      deliverOnce("http://rebind.example.com/hook", {}, "{}", {
        allowPrivate: false,
        resolve: privateResolver,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      deliverOnce(`http://127.0.0.1:${port}/hook`, {}, "{}", { allowPrivate: false }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("reports a 410 so the caller can disable the endpoint", async () => {
    expect(
      (await deliverOnce(`http://127.0.0.1:${port}/gone`, {}, "{}", { allowPrivate: true })).status,
    ).toBe(410);
  });
});

describe("secrets", () => {
  it("seals signing secrets with AES-256-GCM and detects tampering", () => {
    const s = newSigningSecret();
    const sealed = sealSecret("webhook-signing-secrets", s);
    expect(sealed).not.toContain(s.slice(6));
    expect(openSecret("webhook-signing-secrets", sealed)).toBe(s);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => openSecret("webhook-signing-secrets", parts.join("."))).toThrow();
  });
});
