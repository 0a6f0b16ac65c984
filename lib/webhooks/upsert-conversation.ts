import type { Tx } from "@/lib/db/client";

// The line and conversation a webhook belongs to, for the webhook types ingested through
// Prisma (typing, call logs, line events). The logic lives once, in the SQL functions the
// message hot path also calls (migration 20261130000000_ingest_functions): every step is an
// INSERT … ON CONFLICT on a natural key, so concurrent first webhooks converge on one row.

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
  const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT inbox_upsert_line(${number}) AS id`;
  return row!.id;
}

export async function upsertConversation(tx: Tx, input: ConversationInput): Promise<ConversationRef> {
  const [row] = await tx.$queryRaw<{ conversation_id: number; line_id: number | null }[]>`
    SELECT conversation_id, line_id FROM inbox_upsert_conversation(
      ${input.lineNumber}, ${input.contactNumber}, ${input.groupId}, ${input.groupName ?? null},
      ${input.participants ?? []}::text[], ${input.optedOut ?? null}::boolean)`;
  return { conversationId: row!.conversation_id, lineId: row!.line_id };
}
