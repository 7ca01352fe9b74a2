// A tiny relying party ("a partner site") for the browser tests: a node:http server using openid-client.
// GET /        → page with a "Sign in with Guildhall" link (or "Signed in as …" once signed in)
// GET /login   → redirects to Guildhall's authorization endpoint (PKCE, state, nonce)
// GET /cb      → exchanges the code (client_secret_post), validates the ID token, shows who signed in
import http from "node:http";
import * as oidc from "openid-client";
import { httpFetch } from "./sso-helpers";

export type TestRp = { url: string; redirectUri: string; close: () => Promise<void> };

export async function startTestRp(
  issuer: string,
  port: number,
  register: (redirectUri: string) => Promise<{ client_id: string; client_secret: string }>,
): Promise<TestRp> {
  const url = `http://localhost:${port}`;
  const redirectUri = `${url}/cb`;
  const creds = await register(redirectUri);
  const config = await oidc.discovery(
    new URL(issuer),
    creds.client_id,
    undefined,
    oidc.ClientSecretPost(creds.client_secret),
    { execute: [oidc.allowInsecureRequests], [oidc.customFetch]: httpFetch as oidc.CustomFetch },
  );
  oidc.enableNonRepudiationChecks(config);
  const pending = new Map<string, { verifier: string; nonce: string }>();
  let signedIn: string | null = null;
  const html = (body: string) =>
    `<!doctype html><html lang="en"><head><title>Partner</title></head><body><main>${body}</main></body></html>`;

  const server = http.createServer(async (req, res) => {
    const here = new URL(req.url ?? "/", url);
    try {
      if (here.pathname === "/login") {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        const nonce = oidc.randomNonce();
        pending.set(state, { verifier, nonce });
        const to = oidc.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: "openid profile email",
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: "S256",
          state,
          nonce,
        });
        res.writeHead(302, { location: to.toString() }).end();
      } else if (here.pathname === "/cb") {
        const state = here.searchParams.get("state") ?? "";
        const checks = pending.get(state);
        if (!checks) throw new Error("unknown state");
        const tokens = await oidc.authorizationCodeGrant(config, here, {
          pkceCodeVerifier: checks.verifier,
          expectedState: state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        signedIn = String(tokens.claims()!.name);
        res.writeHead(302, { location: "/" }).end();
      } else {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(
          html(
            signedIn
              ? `<h1>Partner community</h1><p>Signed in as ${signedIn}</p>`
              : `<h1>Partner community</h1><a href="/login">Sign in with Guildhall</a>`,
          ),
        );
      }
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(`RP error: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return { url, redirectUri, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
