import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import { markReadForMember } from "@/lib/workflow/member-reads";

/**
 * Opening a thread clears its shared unread count and, for a member, moves their own read
 * position (per-member unread, lib/workflow/member-reads.ts); false when there is no such thread.
 */
export async function markConversationRead(db: Db, id: number, userId: number | null = null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const updated = await tx.conversation.updateMany({
      where: { id },
      // Members keep their own position; the shared one moves only for the automation token.
      data: userId === null ? { unreadCount: 0, lastReadAt: new Date() } : { unreadCount: 0 },
    });
    if (!updated.count) return false;
    if (userId !== null) await markReadForMember(tx, userId, id);
    await notifyInbox(tx, { type: "conversation", conversationId: id });
    return true;
  });
}
