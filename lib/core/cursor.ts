// The one codec of opaque page cursors: a tag naming what is paged, then the position's parts, as
// base64url of `tag:part:part` (parts URI-encoded, so any text fits). Decoding checks the tag and every
// part, so a forged or foreign cursor is a clear invalid_input naming the field, never a failed SQL cast.
import { AppError } from "./errors";

export const badCursor = (field = "cursor") =>
  new AppError("invalid_input", `${field}: not a cursor issued by this API; pass next_cursor as given`, {
    fields: [{ field, message: "Not a cursor issued by this API" }],
  });

export const encodeCursor = (tag: string, parts: (string | number)[]): string =>
  Buffer.from([tag, ...parts.map((p) => encodeURIComponent(String(p)))].join(":")).toString("base64url");

/**
 * The parts of a cursor issued with `tag`, each checked against its pattern (one pattern per part), or
 * null for no cursor. Throws invalid_input for anything else.
 */
export function decodeCursor(
  raw: string | undefined | null,
  tag: string,
  patterns: RegExp[],
  field = "cursor",
): string[] | null {
  if (!raw) return null;
  const [t, ...rest] = Buffer.from(raw, "base64url").toString("utf8").split(":");
  if (t !== tag || rest.length !== patterns.length) throw badCursor(field);
  try {
    const parts = rest.map((p) => decodeURIComponent(p));
    if (parts.every((p, i) => patterns[i].test(p))) return parts;
  } catch {
    /* a malformed %-escape: fall through */
  }
  throw badCursor(field);
}

/** Any text (a sort key's value), for `decodeCursor` patterns. */
export const ANY_TEXT = /^[\s\S]*$/;
/** A non-negative integer of up to 15 digits (a log position). */
export const POSITION = /^\d{1,15}$/;
