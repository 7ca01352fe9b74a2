// The key form's FormData → the raw input of apiKeyInputSchema (validation happens in saveApiKey).
import type { ApiKeyInputRaw } from "@/lib/schemas/api-key";

const rate = (v: FormDataEntryValue | null) => {
  const s = String(v ?? "").trim();
  return s === "" || s === "none" ? null : Number(s);
};

export function keyInputOf(form: FormData): ApiKeyInputRaw {
  return {
    name: String(form.get("name") ?? ""),
    eventAccess: form.get("eventAccess") === "on",
    memberAccess: form.get("memberAccess") === "on",
    followSignupProtection: form.get("followSignupProtection") === "on",
    limitMemberData: form.get("limitMemberData") === "on",
    groupId: String(form.get("groupId") ?? "") || null,
    memberFields: form.getAll("memberFields").map(String),
    customFieldKeys: form.getAll("customFieldKeys").map(String),
    rateLimitPerSecond: rate(form.get("rateLimitPerSecond")),
    rateLimitPerMinute: rate(form.get("rateLimitPerMinute")),
    webhookUrls: String(form.get("webhookUrls") ?? "")
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean),
  };
}
