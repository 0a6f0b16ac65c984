import type { Tx } from "@/lib/db/client";

// Finds or creates the line, contact and conversation a webhook belongs to. Every step is
// an INSERT … ON CONFLICT on a natural key, so concurrent webhooks for a new contact
// converge on one row instead of racing.

export type ConversationRef = { conversationId: number; lineId: number | null };

export type ConversationInput = {
  lineNumber: string | null;
  contactNumber: string | null;
  groupId: string | null;
  groupName?: string | null;
  participants?: string[];
  optedOut?: boolean | null;
};

export async function upsertLine(tx: Tx, number: string): Promise<number> {
  const line = await tx.line.upsert({ where: { number }, create: { number }, update: {}, select: { id: true } });
  return line.id;
}

export async function upsertContact(tx: Tx, number: string, optedOut?: boolean | null): Promise<void> {
  await tx.contact.upsert({
    where: { number },
    create: { number, optedOut: optedOut ?? false },
    update: optedOut === null || optedOut === undefined ? {} : { optedOut, updatedAt: new Date() },
    select: { id: true },
  });
}

export function conversationKey(input: ConversationInput): string {
  if (input.groupId) return `group:${input.groupId}`;
  return `direct:${input.lineNumber ?? "unknown"}:${input.contactNumber}`;
}

export async function upsertConversation(tx: Tx, input: ConversationInput): Promise<ConversationRef> {
  const lineId = input.lineNumber ? await upsertLine(tx, input.lineNumber) : null;
  if (input.contactNumber) await upsertContact(tx, input.contactNumber, input.optedOut);
  const isGroup = Boolean(input.groupId);
  const conversation = await tx.conversation.upsert({
    where: { key: conversationKey(input) },
    create: {
      key: conversationKey(input),
      kind: isGroup ? "group" : "direct",
      lineId,
      contactNumber: isGroup ? null : input.contactNumber,
      groupId: input.groupId,
      displayName: input.groupName ?? null,
    },
    update: input.groupName ? { displayName: input.groupName } : {},
    select: { id: true },
  });
  if (isGroup) {
    const members = new Set(input.participants ?? []);
    if (input.contactNumber) members.add(input.contactNumber);
    if (members.size) {
      await tx.conversationParticipant.createMany({
        data: [...members].map((number) => ({ conversationId: conversation.id, number })),
        skipDuplicates: true,
      });
    }
  }
  return { conversationId: conversation.id, lineId };
}

/** Points the conversation at its newest message; an older (late) message changes nothing but the unread count. */
export async function touchConversation(
  tx: Tx,
  conversationId: number,
  message: { id: number; sentAt: Date; unread: boolean },
): Promise<void> {
  const unread = message.unread ? { unreadCount: { increment: 1 } } : {};
  const moved = await tx.conversation.updateMany({
    where: {
      id: conversationId,
      OR: [{ lastMessageAt: null }, { lastMessageAt: { lte: message.sentAt } }],
    },
    data: { lastMessageId: message.id, lastMessageAt: message.sentAt, lastActivityAt: message.sentAt, ...unread },
  });
  if (moved.count === 0 && message.unread) {
    await tx.conversation.update({ where: { id: conversationId }, data: unread, select: { id: true } });
  }
}
