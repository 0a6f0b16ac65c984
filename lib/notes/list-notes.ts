import type { Db } from "@/lib/db/client";
import { decodeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { presentNote, type NoteView } from "./present-note";

const noteSelect = {
  id: true,
  conversationId: true,
  authorId: true,
  authorName: true,
  body: true,
  createdAt: true,
  mentions: { select: { userId: true } },
} as const;

/** A conversation's notes, oldest first, keyset-paged on id (GET /api/conversations/<id>/notes). */
export async function listNotes(
  db: Db,
  conversationId: number,
  input: { cursor?: string | null; limit?: number } = {},
): Promise<{ notes: NoteView[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const after = decodeIdCursor(input.cursor);
  const rows = await db.conversationNote.findMany({
    where: { conversationId, ...(after !== null ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: noteSelect,
  });
  const page = rows.slice(0, limit);
  return { notes: page.map(presentNote), nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null };
}
