import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeTimeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { messageInclude, presentMessage } from "@/lib/read/present-message";

// A search hit opened in its thread: the message with older and newer neighbours around
// it, plus cursors to keep going either way. olderCursor is the `before` cursor of
// GET /api/conversations/:id/messages; newerCursor is the `after` of this module's route.

type Anchor = { conversationId: number; sentAt: Date; id: number };

function olderThan(a: Anchor): Prisma.MessageWhereInput {
  return {
    conversationId: a.conversationId,
    OR: [{ sentAt: { lt: a.sentAt } }, { sentAt: a.sentAt, id: { lt: a.id } }],
  };
}

function newerThan(a: Anchor): Prisma.MessageWhereInput {
  return {
    conversationId: a.conversationId,
    OR: [{ sentAt: { gt: a.sentAt } }, { sentAt: a.sentAt, id: { gt: a.id } }],
  };
}

const cursorOf = (m: { sentAt: Date; id: number }) => encodeCursor([m.sentAt.toISOString(), m.id]);

async function newer(db: Db, anchor: Anchor, limit: number) {
  const rows = await db.message.findMany({
    where: newerThan(anchor),
    include: messageInclude,
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { page, newerCursor: rows.length > limit ? cursorOf(page.at(-1)!) : null };
}

export async function getMessageContext(db: Db, handle: string, limit: number) {
  const target = await db.message.findUnique({ where: { handle }, include: messageInclude });
  if (!target) return null;
  const anchor = { conversationId: target.conversationId, sentAt: target.sentAt, id: target.id };
  const [olderRows, after] = await Promise.all([
    db.message.findMany({
      where: olderThan(anchor),
      include: messageInclude,
      orderBy: [{ sentAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
    newer(db, anchor, limit),
  ]);
  const older = olderRows.slice(0, limit).reverse();
  return {
    conversationId: target.conversationId,
    targetHandle: target.handle,
    messages: [...older, target, ...after.page].map(presentMessage),
    olderCursor: olderRows.length > limit ? cursorOf(older[0]!) : null,
    newerCursor: after.newerCursor,
  };
}

/** The page after a newerCursor, oldest first, in the conversation of `handle`. */
export async function listNewerMessages(db: Db, handle: string, cursor: string, limit: number) {
  const from = decodeTimeIdCursor(cursor)!;
  const target = await db.message.findUnique({ where: { handle }, select: { conversationId: true } });
  if (!target) return null;
  const { page, newerCursor } = await newer(
    db,
    { conversationId: target.conversationId, sentAt: from.at, id: from.id },
    limit,
  );
  return { conversationId: target.conversationId, messages: page.map(presentMessage), newerCursor };
}

export type MessageContext = NonNullable<Awaited<ReturnType<typeof getMessageContext>>>;
