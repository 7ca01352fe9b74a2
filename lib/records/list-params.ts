// Reads list filters from a page's URL query string (filters live in the URL so views can be shared).
import { isUuid } from "@/lib/core/ids";
import { memberStatuses, type MemberStatus } from "@/lib/schemas/member-status";

export type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export function parseListParams(sp: SearchParams) {
  const status = one(sp.status);
  const active = one(sp.active);
  const type = one(sp.type);
  return {
    q: one(sp.q)?.slice(0, 100),
    status: memberStatuses.includes(status as MemberStatus) ? (status as MemberStatus) : undefined,
    membershipTypeId: type && isUuid(type) ? type : undefined,
    // Active people by default; "all" shows both.
    active: active === "all" ? undefined : active === "no" ? false : true,
    activeParam: active === "all" || active === "no" ? active : "yes",
    sort: one(sp.sort) === "updated" ? ("updated" as const) : ("name" as const),
    after: one(sp.after),
  };
}

/** The same query string with some keys replaced (undefined removes a key). */
export function withParams(sp: SearchParams, patch: Record<string, string | undefined>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const s = one(v);
    if (s !== undefined && !(k in patch)) out.set(k, s);
  }
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out.set(k, v);
  const s = out.toString();
  return s ? `?${s}` : "?";
}

/** The keyset pager's links: back to the first page once past it, on while there is a next page. */
export function pagerLinks(sp: SearchParams, after: string | undefined, nextCursor: string | null) {
  return {
    firstHref: after ? withParams(sp, { after: undefined }) : null,
    nextHref: nextCursor ? withParams(sp, { after: nextCursor }) : null,
  };
}
