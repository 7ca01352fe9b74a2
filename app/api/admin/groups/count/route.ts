// Admin-only: the live member count of a draft group definition (Details tab, while editing).
import { z } from "zod";
import { getDb } from "@/db/client";
import { countSpecificDraft } from "@/db/queries/group-members";
import { countDraftMembers } from "@/lib/groups/draft-count";
import { adminRoute } from "@/lib/auth/admin-route";
import { fromZodError } from "@/lib/core/errors";
import { loadConditionContext } from "@/lib/groups/context";
import { conditionsSchema } from "@/lib/groups/schema";

export const dynamic = "force-dynamic";

const body = z.object({
  id: z.uuid().optional(),
  recordTypes: z.enum(["people", "companies", "both"]),
  mode: z.enum(["conditions", "specific"]),
  conditions: z.unknown().nullable(),
  specificIds: z.array(z.string()).max(10_000).default([]),
});

export const POST = adminRoute(async (req: Request) => {
  const parsed = body.safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw fromZodError(parsed.error);
  const d = parsed.data;
  const db = await getDb();
  if (d.mode === "specific") return { count: await countSpecificDraft(db, d.recordTypes, d.specificIds) };
  if (d.conditions !== null) {
    const r = conditionsSchema(await loadConditionContext(db)).safeParse(d.conditions);
    if (!r.success) throw fromZodError(r.error, "conditions");
  }
  const id = d.id ?? "00000000-0000-4000-8000-000000000000";
  return {
    count: await countDraftMembers(db, {
      id,
      recordTypes: d.recordTypes,
      mode: "conditions",
      conditions: d.conditions,
    }),
  };
});
