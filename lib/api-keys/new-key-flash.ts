// "Save & Close" takes staff back to the API keys list, and the new key is shown there once (the seed's
// flow). It travels from the save to the list in a short-lived cookie: sealed (AES-GCM, its own key), HTTP
// only, scoped to the API keys screens, and deleted as soon as the list has shown it, so it is never in a
// URL, a log or the browser's history, and a reload does not show it again.
import { cookies } from "next/headers";
import { z } from "zod";
import { openSecret, sealSecret } from "@/lib/core/crypto";
import { env } from "@/lib/core/env";

const COOKIE = "gh_new_api_key";
const PATH = "/settings/api-keys";
const Flash = z.object({ id: z.string(), name: z.string(), secret: z.string() });
export type NewKeyFlash = z.infer<typeof Flash>;

export async function rememberNewKey(flash: NewKeyFlash): Promise<void> {
  (await cookies()).set(COOKIE, sealSecret("new-api-key", JSON.stringify(flash)), {
    httpOnly: true,
    sameSite: "strict",
    secure: env.GUILDHALL_SITE_URL?.startsWith("https:") ?? false,
    path: PATH,
    maxAge: 5 * 60,
  });
}

/** The key saved a moment ago, if this browser has not been shown it yet. Read-only (server components). */
export async function newKeyToShow(): Promise<NewKeyFlash | null> {
  const sealed = (await cookies()).get(COOKIE)?.value;
  if (!sealed) return null;
  try {
    return Flash.parse(JSON.parse(openSecret("new-api-key", sealed)));
  } catch {
    return null; // tampered with, or sealed under another site secret
  }
}

/** Called (by a server action) once the list has shown the key. */
export async function forgetNewKey(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: PATH });
}
