// Checks custom field values against their definitions, so a bad value is refused with the field named.
import { AppError, type FieldIssue } from "@/lib/core/errors";
import type { CustomValues } from "@/db/schema";
import { hasNul, isCalendarDate, isStorableNumber, MAX_CUSTOM_NUMBER } from "@/lib/schemas/typed-values";

export type CustomFieldDef = {
  key: string;
  label: string;
  type: string;
  choices: string[];
  required: boolean;
};

export function validateCustomValues(
  defs: CustomFieldDef[],
  values: CustomValues,
  opts: { partial: boolean },
): CustomValues {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: FieldIssue[] = [];
  const out: CustomValues = {};
  for (const [key, raw] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      issues.push({
        field: `custom.${key}`,
        message: `No custom field "${key}" exists for this record type`,
      });
      continue;
    }
    const v = raw === "" ? null : raw;
    if (v === null) {
      if (def.required) issues.push({ field: `custom.${key}`, message: `${def.label} is required` });
      out[key] = null;
      continue;
    }
    const bad = (m: string) => issues.push({ field: `custom.${key}`, message: `${def.label}: ${m}` });
    switch (def.type) {
      case "text":
        if (typeof v !== "string" || hasNul(v)) bad("expected text without NUL characters");
        else out[key] = v.slice(0, 4000);
        break;
      case "number": {
        const n = typeof v === "string" ? Number(v) : v;
        if (!isStorableNumber(n))
          bad(`expected a number between -${MAX_CUSTOM_NUMBER} and ${MAX_CUSTOM_NUMBER}`);
        else out[key] = n;
        break;
      }
      case "date":
        if (!isCalendarDate(v)) bad("expected a real calendar date like 2026-12-31");
        else out[key] = v;
        break;
      case "boolean": {
        const b = v === "true" ? true : v === "false" ? false : v;
        if (typeof b !== "boolean") bad("expected yes or no");
        else out[key] = b;
        break;
      }
      case "single_choice":
        if (typeof v !== "string" || !def.choices.includes(v))
          bad(`expected one of: ${def.choices.join(", ")}`);
        else out[key] = v;
        break;
      case "multiple_choice": {
        const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : null;
        const unknown = list?.filter((c) => !def.choices.includes(c)) ?? [];
        if (!list || unknown.length)
          bad(
            `unknown choice ${unknown.join(", ") || String(v)}; expected any of: ${def.choices.join(", ")}`,
          );
        else out[key] = [...new Set(list)];
        break;
      }
      default:
        bad(`unsupported field type ${def.type}`);
    }
  }
  if (!opts.partial) {
    for (const d of defs)
      if (d.required && (values[d.key] === undefined || values[d.key] === null || values[d.key] === "")) {
        if (!issues.some((i) => i.field === `custom.${d.key}`))
          issues.push({ field: `custom.${d.key}`, message: `${d.label} is required` });
      }
  }
  if (issues.length)
    throw new AppError("invalid_input", issues.map((i) => i.message).join("; "), { fields: issues });
  return out;
}
