"use server";
// Group writes from the admin screens. Each re-checks the admin (adminAction), then catches membership
// up before returning so the Members tab shows the result of the save.
import { sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getHandle, type Db } from "@/db/client";
import { createGroup, deleteGroup, updateGroup } from "@/lib/groups/definitions";
import { type GroupInput } from "@/lib/schemas/group";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { catchUpGroups } from "@/lib/changes/group-membership";
import { adminAction, adminCommand, type FormState } from "@/lib/records/admin-action";
import { checked } from "@/lib/records/form-data";

async function specificRecords(db: Db, text: string): Promise<GroupInput["specificRecords"]> {
  const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const bad = ids.filter((i) => !isUuid(i));
  if (bad.length)
    throw new AppError("invalid_input", `specificRecords: ${bad[0]} is not a record id`, {
      fields: [{ field: "specificRecords", message: `${bad[0]} is not a record id` }],
    });
  if (!ids.length) return [];
  const list = sql.join(
    ids.map((i) => sql`${i}::uuid`),
    sql`, `,
  );
  const rows = (await db.execute(sql`select 'person' as t, id::text from people where id in (${list})
    union all select 'company', id::text from companies where id in (${list})`)) as unknown as {
    t: "person" | "company";
    id: string;
  }[];
  const missing = ids.filter((i) => !rows.some((r) => r.id === i.toLowerCase()));
  if (missing.length)
    throw new AppError("invalid_input", `specificRecords: no person or company has the id ${missing[0]}`, {
      fields: [{ field: "specificRecords", message: `No person or company has the id ${missing[0]}` }],
    });
  return rows.map((r) => ({ recordType: r.t, recordId: r.id }));
}

export async function saveGroupAction(_prev: FormState, form: FormData): Promise<FormState> {
  let createdId: string | null = null;
  const state = await adminAction(async ({ db, actor }) => {
    const mode = String(form.get("mode") ?? "conditions") as "conditions" | "specific";
    let conditions: unknown = null;
    try {
      conditions = JSON.parse(String(form.get("conditions") ?? "null"));
    } catch {
      throw new AppError("invalid_input", "conditions: not valid JSON", {
        fields: [{ field: "conditions", message: "Not valid JSON" }],
      });
    }
    const input: GroupInput = {
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
      recordTypes: String(form.get("recordTypes") ?? "") as "people",
      mode,
      conditions: mode === "specific" ? null : conditions,
      visibleToMembers: checked(form, "visibleToMembers"),
      specificRecords:
        mode === "specific" ? await specificRecords(db, String(form.get("specific") ?? "")) : undefined,
    };
    const id = form.get("id");
    if (id) {
      await updateGroup(db, String(id), input, actor, { expectedVersion: Number(form.get("version")) });
    } else createdId = (await createGroup(db, input, actor)).id;
    await catchUpGroups(await getHandle());
    revalidatePath("/groups", "layout");
    return { notice: "Group saved." };
  });
  if (createdId) redirect(`/groups/${createdId}`);
  return state;
}

export async function deleteGroupAction(id: string): Promise<string | void> {
  const error = await adminCommand(({ db, actor }) => deleteGroup(db, id, actor));
  if (error) return error;
  revalidatePath("/groups", "layout");
  redirect("/groups");
}
