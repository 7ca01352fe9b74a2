// Response helpers for the OIDC route handlers.
// no-transform also keeps Next from gzipping these small, uncacheable bodies (~0.3 ms of CPU per response).
const noStore = { "Cache-Control": "no-store, no-transform", Pragma: "no-cache" };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { ...noStore, ...headers } });
}

/** 302 by default; 303 after a POST, so the browser follows with a GET. */
export function redirectResponse(url: string, status: 302 | 303 = 302) {
  return new Response(null, { status, headers: { ...noStore, Location: url } });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** An error shown to the person instead of redirecting (unknown client, unregistered redirect URI). */
export function errorPage(title: string, message: string, status = 400) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a}h1{font-size:1.4rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the association's site</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...noStore, "Content-Type": "text/html; charset=utf-8" } });
}

/** Form body of a POST (application/x-www-form-urlencoded), or null if it is something else. */
export async function formOf(req: Request): Promise<URLSearchParams | null> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return null;
  return new URLSearchParams(await req.text());
}

export const corsHeaders = { "Access-Control-Allow-Origin": "*" };
