import { recordActivity } from "@/lib/activity/record-activity";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { presentNote, type NoteView } from "./present-note";

// Writes an internal note. A note is for members only: nothing here (or anywhere notes go)
// talks to Sendblue. The note, its mentions and the "note" activity line commit together,
// and the activity's NOTIFY tells open pages (thread timeline, mention badges).

export async function createNote(
  db: Db,
  author: SessionUser,
  input: { conversationId: number; body: string; mentions: number[] },
): Promise<NoteView> {
  const mentionIds = [...new Set(input.mentions)];
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({
      where: { id: input.conversationId },
      select: { id: true },
    });
    if (!conversation) throw new ApiError(404, "not_found", `No conversation ${input.conversationId}`);
    const members = mentionIds.length
      ? await tx.user.findMany({ where: { id: { in: mentionIds }, disabledAt: null }, select: { id: true } })
      : [];
    const unknown = mentionIds.filter((id) => !members.some((m) => m.id === id));
    if (unknown.length) throw new ApiError(400, "invalid_request", `mentions: no active member ${unknown.join(", ")}`);

    const note = await tx.conversationNote.create({
      data: {
        conversationId: input.conversationId,
        authorId: author.id,
        authorName: author.name ?? author.email,
        body: input.body,
        // Mentioning yourself notifies no one.
        mentions: {
          create: mentionIds
            .filter((id) => id !== author.id)
            .map((userId) => ({ userId, conversationId: input.conversationId })),
        },
      },
      include: { mentions: { select: { userId: true } } },
    });
    await recordActivity(tx, input.conversationId, author, {
      kind: "note",
      data: { noteId: note.id, mentions: mentionIds },
    });
    return presentNote(note);
  });
}
