import type { Tx } from "@/lib/db/client";
import type { EventType } from "./event-types";

/**
 * Queues an event for every enabled endpoint subscribed to it, inside the caller's
 * transaction (so it is sent if and only if the change commits). Messages, statuses and
 * kept attachments are queued by triggers; this is the hook for changes made in code: the
 * conversation workflow calls it with "conversation.updated" where it records the change.
 */
export async function enqueueOutgoing(tx: Tx, type: EventType, conversationId: number, data: { conversation: { id: number } & Record<string, unknown> }) {
  await tx.$executeRaw`
    SELECT inbox_enqueue_outgoing(${type}, ${conversationId}::int,
      (SELECT line_id FROM conversations WHERE id = ${conversationId}::int), ${JSON.stringify(data)}::jsonb)`;
}
