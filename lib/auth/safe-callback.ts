/** Only same-site paths may be returned to after sign-in (no open redirect). */
export function safeCallback(raw: unknown): string {
  const v = typeof raw === "string" ? raw : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}
