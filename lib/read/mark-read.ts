import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import { markReadForMember } from "@/lib/workflow/member-reads";

/**
 * Opening a thread clears its shared unread count and, for a member, moves their own read
 * position (per-member unread, lib/workflow/member-reads.ts); false when there is no such thread.
 */
export async function markConversationRead(db: Db, id: number, userId: number | null = null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // Members keep their own position; the shared one moves only for the automation token, and
    // past a message dated in the future too (a phone with a wrong clock), or it stays unread
    // for every member who never opened the conversation.
    const updated =
      userId === null
        ? await tx.$executeRaw`UPDATE conversations SET unread_count = 0,
            last_read_at = greatest(now(), last_inbound_at) WHERE id = ${id}`
        : (await tx.conversation.updateMany({ where: { id }, data: { unreadCount: 0 } })).count;
    if (!updated) return false;
    if (userId !== null) await markReadForMember(tx, userId, id);
    await notifyInbox(tx, { type: "conversation", conversationId: id });
    return true;
  });
}
