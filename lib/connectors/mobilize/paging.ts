// Limit/offset paging that never trusts the requested page size (external-apis.md §2.3: Mobilize's max
// `limit` is a guess). A server that caps pages at 100 when asked for 1,000 must still be read to the end,
// so the next offset is the count of items received, and a list ends only on an empty page, a reached
// `count`, or the end of a `next`/`next_page` link chain.
import { HttpError, unwrapPage, type HttpClient, type RequestOptions } from "../http";

type Page<T> = { items: T[]; count?: number; next?: string | null };

function nextLinkOf(body: unknown): string | null | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const links = b.links as Record<string, unknown> | undefined;
  for (const v of [b.next, b.next_page, links?.next]) {
    if (typeof v === "string" && v) return v;
    if (v === null) return null;
  }
  return undefined;
}

/** A next link as a path under the client's base URL; other hosts are refused (credentials go with it). */
function pathUnderBase(client: HttpClient, link: string): string {
  const base = new URL(client.opts.baseUrl + "/");
  const target = new URL(link, base);
  const prefix = client.opts.baseUrl;
  if (!target.toString().startsWith(prefix))
    throw new HttpError("unexpected", "Mobilize's next-page link points outside the API base URL");
  return target.toString().slice(prefix.length) || "/";
}

async function getPage<T>(
  client: HttpClient,
  path: string,
  query: RequestOptions["query"],
): Promise<Page<T>> {
  const body = await client.request<unknown>("GET", path, { query });
  return { ...unwrapPage<T>(body), next: nextLinkOf(body) };
}

/** Every item of a list, paging by what actually arrived. `idOf` guards against a server ignoring offset. */
export async function pageAll<T>(
  client: HttpClient,
  path: string,
  pageSize: number,
  query: RequestOptions["query"],
  idOf: (item: T) => string,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let page = await getPage<T>(client, path, { ...query, limit: pageSize, offset: 0 });
  for (let n = 0; ; n++) {
    let fresh = 0;
    for (const item of page.items) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(item);
      fresh++;
    }
    if (page.items.length === 0 || page.next === null) return out;
    if (page.count !== undefined && out.length >= page.count) return out;
    // A full page of items already seen: the server is not advancing; a short list is worse than an error.
    if (fresh === 0 || n > 100_000) throw new HttpError("unexpected", `paging ${path} did not advance`);
    page = page.next
      ? await getPage<T>(client, pathUnderBase(client, page.next), {})
      : await getPage<T>(client, path, { ...query, limit: pageSize, offset: out.length });
  }
}

/** One page of exactly `limit` items from `offset` (fewer only at the end), however small the server's pages. */
export async function pageAt<T>(
  client: HttpClient,
  path: string,
  limit: number,
  offset: number,
): Promise<{ items: T[]; hasMore: boolean }> {
  const items: T[] = [];
  for (;;) {
    const page = await getPage<T>(client, path, {
      limit: limit - items.length,
      offset: offset + items.length,
    });
    items.push(...page.items.slice(0, limit - items.length));
    const done = page.items.length === 0 || (page.count !== undefined && offset + items.length >= page.count);
    if (done) return { items, hasMore: false };
    if (items.length >= limit) return { items, hasMore: true };
  }
}
