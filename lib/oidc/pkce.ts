// PKCE S256 (RFC 7636): BASE64URL(SHA256(verifier)).
import crypto from "node:crypto";

export const s256 = (verifier: string) =>
  crypto.createHash("sha256").update(verifier, "ascii").digest("base64url");
