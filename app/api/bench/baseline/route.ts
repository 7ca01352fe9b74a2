// Benchmark baseline (scripts/bench-api.ts): a bare handler that checks one bearer token and runs the same
// page query as GET /api/v1/members (same group, same `fields`), without the wrapper. 404 unless GUILDHALL_BENCH_BASELINE_TOKEN is set.
import { getHandle } from "@/db/client";
import { fieldSetOf, listMembersInScope } from "@/lib/api-keys/scope";
import { env } from "@/lib/core/env";

export async function GET(req: Request): Promise<Response> {
  const token = env.GUILDHALL_BENCH_BASELINE_TOKEN;
  if (!token) return new Response("Not found", { status: 404 });
  if (req.headers.get("authorization") !== `Bearer ${token}`)
    return new Response("Unauthorized", { status: 401 });
  const url = new URL(req.url);
  const groupId = url.searchParams.get("group");
  const memberFields = url.searchParams.get("fields")?.split(",") ?? [];
  const scope = { limitMemberData: true, groupId, memberFields, customFieldKeys: [] };
  const { db } = await getHandle();
  const page = await listMembersInScope(
    db,
    { ...scope, fieldSet: fieldSetOf(scope) },
    {
      limit: Number(url.searchParams.get("limit") ?? 100),
      cursor: url.searchParams.get("cursor") ?? undefined,
    },
  );
  return Response.json({ data: page.rows, next_cursor: page.nextCursor });
}
