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

// Lines and conversations are read before they are written: after their first webhook they
// always exist, and a plain SELECT neither writes a row version nor takes a row lock that
// would serialize every webhook of a busy line. The insert behind it is still ON CONFLICT
// DO NOTHING, so two first webhooks racing converge on one row.

export async function upsertLine(tx: Tx, number: string): Promise<number> {
  const found = await tx.line.findUnique({ where: { number }, select: { id: true } });
  if (found) return found.id;
  await tx.line.createMany({ data: [{ number }], skipDuplicates: true });
  const line = await tx.line.findUniqueOrThrow({ where: { number }, select: { id: true } });
  return line.id;
}

/** Creates the contact, or records a changed opt-out; an unchanged one writes nothing. */
export async function upsertContact(tx: Tx, number: string, optedOut?: boolean | null): Promise<void> {
  const found = await tx.contact.findUnique({ where: { number }, select: { optedOut: true } });
  const known = optedOut !== null && optedOut !== undefined;
  if (found && (!known || found.optedOut === optedOut)) return;
  if (!found) {
    const created = await tx.contact.createMany({ data: [{ number, optedOut: optedOut ?? false }], skipDuplicates: true });
    if (created.count === 1 || !known) return;
  }
  await tx.contact.updateMany({
    where: { number, optedOut: { not: optedOut! } },
    data: { optedOut: optedOut!, updatedAt: new Date() },
  });
}

export function conversationKey(input: ConversationInput): string {
  if (input.groupId) return `group:${input.groupId}`;
  return `direct:${input.lineNumber ?? "unknown"}:${input.contactNumber}`;
}

export async function upsertConversation(tx: Tx, input: ConversationInput): Promise<ConversationRef> {
  const key = conversationKey(input);
  const isGroup = Boolean(input.groupId);
  if (input.contactNumber) await upsertContact(tx, input.contactNumber, input.optedOut);
  const select = { id: true, lineId: true, displayName: true } as const;
  let conversation = await tx.conversation.findUnique({ where: { key }, select });
  // A direct conversation's key names its line, so the line exists once the conversation
  // does; a group can be seen from another line, which must still be recorded.
  const lineId =
    input.lineNumber && (!conversation || isGroup) ? await upsertLine(tx, input.lineNumber) : (conversation?.lineId ?? null);
  if (!conversation) {
    await tx.conversation.createMany({
      data: [
        {
          key,
          kind: isGroup ? "group" : "direct",
          lineId,
          contactNumber: isGroup ? null : input.contactNumber,
          groupId: input.groupId,
          displayName: input.groupName ?? null,
        },
      ],
      skipDuplicates: true,
    });
    conversation = await tx.conversation.findUniqueOrThrow({ where: { key }, select });
  }
  if (input.groupName && conversation.displayName !== input.groupName) {
    await tx.conversation.update({ where: { id: conversation.id }, data: { displayName: input.groupName }, select: { id: true } });
  }
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
