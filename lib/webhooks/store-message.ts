import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyInbox } from "@/lib/realtime/notify";
import { guessMedia } from "./media-kind";
import type { NormalizedMessage } from "./normalize-message";
import { parseTapback, quoteMatcher } from "./tapback";
import { touchConversation } from "./upsert-conversation";

// Inserts a message we have not seen (or its tapback reaction). Dedup is the unique
// handle: ON CONFLICT DO NOTHING, so a repeat changes nothing and reports itself.

export type StoreResult =
  | { kind: "message"; id: number; created: boolean }
  | { kind: "reaction"; created: boolean };

export async function storeMessage(tx: Tx, conversationId: number, m: NormalizedMessage): Promise<StoreResult> {
  const tapback = parseTapback(m.content);
  // A tapback that found no target earlier was kept as a plain message; its repeat must
  // stay a duplicate even if a matching target has arrived since. (Concurrent repeats are
  // still caught by the unique handle on reactions.)
  const keptAsMessage = tapback
    ? await tx.message.findUnique({ where: { handle: m.handle }, select: { id: true } })
    : null;
  if (tapback && !keptAsMessage) {
    const target = await tx.message.findFirst({
      where: { conversationId, content: quoteMatcher(tapback.quote), handle: { not: m.handle } },
      orderBy: [{ sentAt: "desc" }, { id: "desc" }],
      select: { id: true, handle: true },
    });
    if (target) {
      const inserted = await tx.reaction.createMany({
        data: [
          {
            handle: m.handle,
            messageId: target.id,
            reaction: tapback.reaction,
            emoji: tapback.emoji,
            removed: tapback.removed,
            direction: m.direction,
            senderNumber: m.senderNumber,
            sentAt: m.sentAt,
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count) {
        await notifyInbox(tx, { type: "reaction", conversationId, handle: m.handle, targetHandle: target.handle });
      }
      return { kind: "reaction", created: inserted.count > 0 };
    }
  }

  const [created] = await tx.message.createManyAndReturn({
    data: [
      {
        handle: m.handle,
        conversationId,
        direction: m.direction,
        service: m.service,
        content: m.content,
        status: m.status,
        statusRank: m.statusRank,
        errorCode: m.errorCode,
        errorMessage: m.errorMessage,
        errorReason: m.errorReason,
        errorDetail: m.errorDetail,
        sendStyle: m.sendStyle,
        wasDowngraded: m.wasDowngraded,
        messageType: m.messageType,
        fromNumber: m.fromNumber,
        toNumber: m.toNumber,
        senderNumber: m.senderNumber,
        senderEmail: m.senderEmail,
        sentAt: m.sentAt,
        sourceUpdatedAt: m.sourceUpdatedAt,
        extra: (m.extra ?? undefined) as Prisma.InputJsonValue | undefined,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) {
    const existing = await tx.message.findUniqueOrThrow({ where: { handle: m.handle }, select: { id: true } });
    return { kind: "message", id: existing.id, created: false };
  }

  await tx.messageStatusEvent.createMany({
    data: [
      {
        messageId: created.id,
        status: m.status,
        errorCode: m.errorCode,
        errorMessage: m.errorMessage,
        occurredAt: m.sourceUpdatedAt ?? m.sentAt,
      },
    ],
    skipDuplicates: true,
  });
  if (m.mediaUrl) {
    const guess = guessMedia(m.mediaUrl);
    await tx.mediaAttachment.createMany({
      data: [{ messageId: created.id, sourceUrl: m.mediaUrl, ...guess }],
      skipDuplicates: true,
    });
  }
  await touchConversation(tx, conversationId, {
    id: created.id,
    sentAt: m.sentAt,
    unread: m.direction === "inbound",
  });
  await notifyInbox(tx, { type: "message", conversationId, handle: m.handle });
  return { kind: "message", id: created.id, created: true };
}
