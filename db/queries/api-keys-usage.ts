// Reads of the API request log for the key page.
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiRequestLog } from "../schema";

export function listRecentRequests(db: DbOrTx, apiKeyId: string, limit = 50) {
  return db
    .select()
    .from(apiRequestLog)
    .where(eq(apiRequestLog.apiKeyId, apiKeyId))
    .orderBy(desc(apiRequestLog.at))
    .limit(limit);
}

/** Requests per UTC day over the last `days` days, oldest first, days without requests included. */
export async function requestsPerDay(db: DbOrTx, apiKeyId: string, days = 14) {
  const rows = (await db.execute(sql`
    select d::date::text as day, count(l.id)::int as n
    from generate_series(current_date - ${days - 1}::int, current_date, interval '1 day') d
    left join api_request_log l on l.api_key_id = ${apiKeyId} and l.at >= d and l.at < d + interval '1 day'
    group by d order by d`)) as unknown as { day: string; n: number }[];
  return rows;
}

/** How long the request log keeps a request: the key page shows the last 50 and a 14-day chart. */
export const REQUEST_LOG_DAYS = 30;

/**
 * Deletes requests older than `days`, 10,000 at a time so no statement holds its locks long while the
 * API keeps writing. Returns how many were deleted.
 */
export async function pruneRequestLog(db: DbOrTx, days = REQUEST_LOG_DAYS): Promise<number> {
  const batch = 10_000;
  let total = 0;
  for (;;) {
    const rows = (await db.execute(sql`
      delete from api_request_log where id in (
        select id from api_request_log where at < now() - make_interval(days => ${days}) limit ${batch})
      returning 1`)) as unknown as unknown[];
    total += rows.length;
    if (rows.length < batch) return total;
  }
}
