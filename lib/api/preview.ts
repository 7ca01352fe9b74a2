// "View as this key": what a key can see, exactly as the API would show it, and the JSON Schema of its
// member payload (downloadable from the key page).
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { ApiKey } from "@/db/queries/api-keys";
import { countMembersInScope, fieldSetOf, listMembersInScope } from "@/lib/api-keys/scope";
import { lockedMemberFields } from "@/lib/schemas/member-fields";
import { projectMember } from "./project";
import { memberSchemaFor } from "./schemas";

/** What the key can see, exactly as the API would show it. */
export async function previewApiKey(db: DbOrTx, key: ApiKey) {
  const fieldSet = fieldSetOf(key);
  const resolved = { ...key, fieldSet };
  const [count, sample] = await Promise.all([
    key.memberAccess ? countMembersInScope(db, key) : Promise.resolve(0),
    key.memberAccess ? listMembersInScope(db, key, { limit: 1 }) : Promise.resolve({ rows: [] }),
  ]);
  return {
    count,
    memberAccess: key.memberAccess,
    eventAccess: key.eventAccess,
    alwaysIncluded: lockedMemberFields,
    chosen: fieldSet.fields.filter((f) => !lockedMemberFields.includes(f)),
    customKeys: fieldSet.customKeys,
    sample: sample.rows[0] ? projectMember(sample.rows[0], resolved) : null,
  };
}

/** JSON Schema of this key's member payload (downloadable from the key page). */
export function memberJsonSchemaFor(key: ApiKey) {
  return z.toJSONSchema(memberSchemaFor(fieldSetOf(key)), { unrepresentable: "any" });
}
