// GET /api/v1/custom-fields: definitions of the custom fields this key may see.
import { listCustomFields } from "@/db/queries/custom-fields";
import { apiRoute } from "@/lib/api/handler";
import { customFieldListSchema } from "@/lib/api/schemas";

export const GET = apiRoute({ family: "members" }, async ({ key, db }) => {
  const { custom, customKeys } = key.fieldSet;
  const rows = custom ? await listCustomFields(db) : [];
  const visible = customKeys === null ? rows : rows.filter((f) => customKeys.includes(f.key));
  return { body: customFieldListSchema.parse({ data: visible }) };
});
