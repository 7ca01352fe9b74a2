// Staff download: the JSON Schema of one key's member payload (admin only).
import { getDb } from "@/db/client";
import { getApiKey } from "@/db/queries/api-keys";
import { requireAdmin } from "@/lib/auth/guards";
import { memberJsonSchemaFor } from "@/lib/api/preview";
import { AppError } from "@/lib/core/errors";
import { errorResponse } from "@/lib/api/handler";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requireAdmin();
    const key = await getApiKey(await getDb(), (await params).id);
    if (!key || key.revokedAt) throw new AppError("not_found", "That API key was not found.");
    return new Response(JSON.stringify(memberJsonSchemaFor(key), null, 2), {
      headers: {
        "content-type": "application/schema+json",
        "content-disposition": `attachment; filename="api-key-${key.displayPrefix}-member.schema.json"`,
      },
    });
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e);
    throw e;
  }
}
