import { ApiError } from "@/lib/http/api-error";

// Opaque keyset cursors: the sort key of the last row served, never an OFFSET.

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeTimeIdCursor(cursor: string | null | undefined): { at: Date; id: number } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, number];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !Number.isInteger(id)) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new ApiError(400, "invalid_cursor", "The cursor is not one this API returned");
  }
}

export function decodeIdCursor(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  try {
    const [id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [number];
    if (!Number.isInteger(id)) throw new Error("bad cursor");
    return id;
  } catch {
    throw new ApiError(400, "invalid_cursor", "The cursor is not one this API returned");
  }
}
