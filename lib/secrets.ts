// The site secret signs sessions and derives the keys that encrypt stored credentials.
// Set AUTH_SECRET in production (and whenever several app instances share a database); on the embedded
// defaults one is generated into the data folder on first start so a new user configures nothing.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

export function getSiteSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.join(path.resolve(env.GUILDHALL_DATA_DIR), "site-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      cached = fresh;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim(); // another process created it first
    }
  }
  return cached;
}

/** A purpose-bound key derived from the site secret (HKDF), so one secret never signs two kinds of thing. */
export function deriveKey(purpose: string, length = 32): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", getSiteSecret(), "guildhall", purpose, length));
}
