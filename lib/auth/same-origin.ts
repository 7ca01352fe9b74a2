// Cross-site request forgery check for state-changing route handlers that act on a session cookie
// (SameSite=Lax alone lets top-level cross-site POSTs through). Browsers send Origin on every POST, PUT,
// PATCH and DELETE, and a page cannot forge it; a request without it is not from a browser page.

/** Whether the request comes from a page of this site (or from a non-browser client). */
export function isSameOriginRequest(req: Request, siteUrl?: string | null): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) {
    const site = req.headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
  const ours = [req.headers.get("x-forwarded-host"), req.headers.get("host"), hostOf(siteUrl)];
  return ours.some((h) => h !== null && h !== undefined && h.toLowerCase() === host.toLowerCase());
}

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** The answer to a refused cross-site request. */
export const crossSiteRefusal = () =>
  Response.json(
    { error: { code: "forbidden", message: "Cross-site request refused: send it from this site's pages." } },
    { status: 403 },
  );
