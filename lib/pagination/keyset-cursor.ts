// Opaque keyset cursors for paged lists: the sort key values of the last row, last of all its id.
import { AppError } from "@/lib/errors";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (parts: string[]): string =>
  Buffer.from(JSON.stringify(parts)).toString("base64url");

export const badCursor = (field = "cursor") =>
  new AppError(
    "invalid_input",
    `${field}: not a cursor issued by this list; pass the next_cursor value from the previous page`,
    {
      fields: [{ field, message: "Not a cursor issued by this list" }],
    },
  );

/**
 * Decodes a cursor of `length` strings whose last one is a record id. Every part is checked here, so a
 * forged cursor is a clear invalid_input, never a failed SQL cast.
 */
export function decodeCursor(raw: string | undefined, length: number, field = "cursor"): string[] | null {
  if (!raw) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (
      Array.isArray(parts) &&
      parts.length === length &&
      parts.every((p) => typeof p === "string") &&
      uuid.test(parts[length - 1])
    )
      return parts as string[];
  } catch {
    /* fall through */
  }
  throw badCursor(field);
}
