// Vendor credentials at rest: AES-256-GCM with a key derived from the site secret for this purpose only.
import crypto from "node:crypto";
import { deriveKey } from "@/lib/secrets";

const key = () => deriveKey("integrations");

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

export function decryptSecret(sealed: string): string {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

/** "••••abcd": enough to recognise a key, never enough to use it. */
export const hintOf = (key: string) => key.slice(-4);
