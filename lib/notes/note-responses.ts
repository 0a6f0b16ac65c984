import { z } from "zod";
import { nextCursor } from "@/lib/read/response-schemas";

// What the note and mention routes answer (JSON; dates as ISO strings).

const iso = z.string().describe("ISO 8601 time");

export const noteView = z.looseObject({
  id: z.number().int(),
  conversationId: z.number().int(),
  author: z.object({ id: z.number().int().nullable().describe("null once the member is removed"), name: z.string() }),
  body: z.string(),
  mentions: z.array(z.number().int()).describe("Member ids mentioned"),
  createdAt: iso,
});

export const noteList = z.object({ notes: z.array(noteView), nextCursor });

export const mentionView = z.looseObject({
  id: z.number().int(),
  noteId: z.number().int(),
  conversationId: z.number().int(),
  conversationTitle: z.string(),
  author: z.string(),
  excerpt: z.string(),
  createdAt: iso,
  readAt: iso.nullable(),
});

const unreadCount = z.number().int().describe("The caller's unread mentions");

export const mentionList = z.object({ mentions: z.array(mentionView), unreadCount, nextCursor });
export const mentionsMarked = z.object({
  marked: z.number().int().describe("Mentions newly marked read"),
  unreadCount,
});
