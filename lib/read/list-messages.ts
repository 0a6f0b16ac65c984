import type { Db } from "@/lib/db/client";
import { decodeTimeIdCursor, encodeCursor } from "./cursor";
import { messageInclude, presentMessage } from "./present-message";

// A thread page: the newest `limit` messages before the cursor, returned oldest to newest.
// Keyset on (sent_at, id) via messages_conversation_id_sent_at_id_idx.

export async function listMessages(
  db: Db,
  conversationId: number,
  input: { before?: string | null; limit?: number } = {},
) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const before = decodeTimeIdCursor(input.before);
  const rows = await db.message.findMany({
    where: {
      conversationId,
      ...(before ? { OR: [{ sentAt: { lt: before.at } }, { sentAt: before.at, id: { lt: before.id } }] } : {}),
    },
    include: messageInclude,
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const oldest = page.at(-1);
  return {
    messages: page.reverse().map(presentMessage),
    nextCursor: rows.length > limit && oldest ? encodeCursor([oldest.sentAt.toISOString(), oldest.id]) : null,
  };
}

export type MessagePage = Awaited<ReturnType<typeof listMessages>>;

export async function getMessageWithHistory(db: Db, handle: string) {
  const m = await db.message.findUnique({
    where: { handle },
    include: { ...messageInclude, statusHistory: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } },
  });
  if (!m) return null;
  return {
    ...presentMessage(m),
    statusHistory: m.statusHistory.map((s) => ({
      status: s.status,
      errorCode: s.errorCode,
      errorMessage: s.errorMessage,
      occurredAt: s.occurredAt?.toISOString() ?? null,
      receivedAt: s.receivedAt.toISOString(),
    })),
  };
}

export type MessageDetail = NonNullable<Awaited<ReturnType<typeof getMessageWithHistory>>>;
