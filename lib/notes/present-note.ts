import type { ConversationNote } from "@/lib/generated/prisma/client";

// How a note is shown to API clients and the thread.

export type NoteView = {
  id: number;
  conversationId: number;
  author: { id: number | null; name: string };
  body: string;
  mentions: number[];
  createdAt: string;
};

export function presentNote(
  note: Omit<ConversationNote, "searchVector"> & { mentions: { userId: number }[] },
): NoteView {
  return {
    id: note.id,
    conversationId: note.conversationId,
    author: { id: note.authorId, name: note.authorName },
    body: note.body,
    mentions: note.mentions.map((m) => m.userId),
    createdAt: note.createdAt.toISOString(),
  };
}
