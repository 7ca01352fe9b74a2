// Reading staff forms: FormData → plain objects the zod schemas parse. Empty inputs become null or are
// left out, so "clear this field" and "not on the form" stay distinct.
import type { CustomValues } from "@/db/schema";
import { AppError } from "@/lib/core/errors";
import { hasNul } from "@/lib/schemas/typed-values";
import type { CustomFieldDef } from "./custom-values";

/** A field's text; NUL (which Postgres cannot store) is refused naming the field. */
export function text(form: FormData, name: string): string {
  const v = String(form.get(name) ?? "").trim();
  if (hasNul(v))
    throw new AppError("invalid_input", `${name}: must not contain NUL characters`, {
      fields: [{ field: name, message: "Must not contain NUL characters" }],
    });
  return v;
}

/** "" → null; absent → undefined. */
export function optional(form: FormData, name: string): string | null | undefined {
  if (!form.has(name)) return undefined;
  const v = text(form, name);
  return v === "" ? null : v;
}

export const checked = (form: FormData, name: string): boolean => form.get(name) === "on";

/** One item per line or comma ("a.org, b.org"). */
export const list = (form: FormData, name: string, sep: RegExp = /[\n,]/): string[] =>
  text(form, name)
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);

/** Custom field inputs are named "custom.<key>"; values are checked later by validateCustomValues. */
export function customValues(form: FormData, defs: Pick<CustomFieldDef, "key" | "type">[]): CustomValues {
  const out: CustomValues = {};
  for (const d of defs) {
    const name = `custom.${d.key}`;
    if (d.type === "multiple_choice") {
      // A hidden marker says the checkbox group was on the form even when nothing is ticked.
      if (!form.has(`${name}.present`)) continue;
      const picked = form.getAll(name).map(String);
      out[d.key] = picked.length ? picked : null;
      continue;
    }
    if (!form.has(name)) continue;
    const v = text(form, name);
    if (v === "") out[d.key] = null;
    else if (d.type === "boolean") out[d.key] = v === "true";
    else out[d.key] = v;
  }
  return out;
}

const socialKeys = ["linkedin", "twitter", "facebook", "instagram", "website"] as const;
export function socialLinks(form: FormData): Partial<Record<(typeof socialKeys)[number], string>> {
  const out: Partial<Record<(typeof socialKeys)[number], string>> = {};
  for (const k of socialKeys) {
    const v = text(form, `socialLinks.${k}`);
    if (v) out[k] = v;
  }
  return out;
}
export { socialKeys };
