// Validation of SSO client settings, shared by the staff screens, the CLI and tests.
import { z } from "zod";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Redirect URLs are matched exactly, so they must be absolute, https (except on localhost), without a fragment. */
export function redirectUriProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a full URL (it must start with https://)`;
  }
  if (url.hash || raw.includes("#")) return `"${raw}" must not contain a # fragment`;
  if (url.username || url.password) return `"${raw}" must not contain a user name or password`;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  return `"${raw}" must use https:// (http:// is only allowed for localhost)`;
}

const uriList = (required: boolean) =>
  z
    .array(z.string().trim())
    .transform((list) => [...new Set(list.filter(Boolean))])
    .superRefine((list, ctx) => {
      if (required && list.length === 0) ctx.addIssue({ code: "custom", message: "Add at least one URL" });
      for (const uri of list) {
        const problem = redirectUriProblem(uri);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }
    });

export const ssoClientInput = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Keep the name under 120 characters"),
  redirectUris: uriList(true),
  postLogoutRedirectUris: uriList(false).default([]),
  permittedGroupIds: z.array(z.string().uuid("Not a valid group id")).default([]),
  isPublic: z.boolean().default(false),
});
export type SsoClientInput = z.input<typeof ssoClientInput>;
export type SsoClientSettings = z.output<typeof ssoClientInput>;

/** Textarea → list: one URL per line (commas and spaces also separate). */
export const splitUris = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
