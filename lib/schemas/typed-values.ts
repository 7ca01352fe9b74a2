// The one strict reading of typed values, shared by every way in (API, staff forms, portal, CLI, group
// conditions): real calendar dates in the range Postgres stores, instants with real offsets, numbers
// Postgres compares exactly, text without NUL (Postgres text and jsonb refuse it). The condition compiler
// compares a stored value only when it reads the same way here (CALENDAR_DATE_PATTERN), so a value that
// got in any other way can never make the compiled SQL fail: it simply does not match.
import { z } from "zod";

/**
 * Calendar dates 0001-01-01 … 9999-12-31, leap years included: zod's ISO date pattern (which checks days per
 * month) without the year 0000 that Postgres refuses. Also used inside SQL (Postgres regular expressions
 * read it the same way), hence a string.
 */
export const CALENDAR_DATE_PATTERN = `^(?!0000)${z.regexes.date.source.replace(/^\^/, "")}`;
const calendarDateRe = new RegExp(CALENDAR_DATE_PATTERN);

export const isCalendarDate = (v: unknown): v is string => typeof v === "string" && calendarDateRe.test(v);

export const calendarDate = z
  .string()
  .refine(isCalendarDate, "Use a real calendar date like 2026-12-31 (year 0001 to 9999)");

/** Offsets of real time zones: −14:00 … +14:00 (Postgres refuses some beyond, e.g. +23:59). */
const realOffset = (v: string) => {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(v);
  return !m || Number(m[2]) * 60 + Number(m[3]) <= 14 * 60;
};

/** An ISO 8601 instant with an offset or Z, e.g. 2026-01-01T00:00:00Z. */
export const instant = z.iso
  .datetime({ offset: true, abort: true })
  .refine((v) => isCalendarDate(v.slice(0, 10)), {
    message: "Use a real date (year 0001 to 9999)",
    abort: true,
  })
  .refine(realOffset, "Use a time zone offset between -14:00 and +14:00");

export const hasNul = (s: string) => s.includes("\u0000");
const NUL_MESSAGE = "Must not contain NUL characters";

/** Text of at most `max` characters, trimmed, with no NUL. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasNul(s), NUL_MESSAGE);

/** Largest magnitude a custom number may have: compared exactly as numeric and kept exactly as a double. */
export const MAX_CUSTOM_NUMBER = 1e15;
export const isStorableNumber = (n: unknown): n is number =>
  typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= MAX_CUSTOM_NUMBER;

/** The path of the first string holding NUL in a parsed JSON value (a body or a query), if any. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return hasNul(value) ? path.join(".") || "(value)" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (hasNul(k)) return [...path, k].join(".");
      const found = findNul(v, [...path, k]);
      if (found) return found;
    }
  return null;
}
