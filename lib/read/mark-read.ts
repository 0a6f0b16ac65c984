import type { Db } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";

/** Opening a thread clears its unread count; returns false when there is no such thread. */
export async function markConversationRead(db: Db, id: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const updated = await tx.conversation.updateMany({
      where: { id },
      data: { unreadCount: 0, lastReadAt: new Date() },
    });
    if (updated.count) await notifyInbox(tx, { type: "conversation", conversationId: id });
    return updated.count > 0;
  });
}
