import type { Tx } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { IngestContext, IngestResult } from "./ingest-types";
import { normalizeMessage } from "./normalize-message";
import { storeMessage } from "./store-message";
import { upsertConversation } from "./upsert-conversation";

// `outbound` and per-message status callbacks. History gets each (handle, status) once;
// the message's current status only ever moves up the rank (guarded UPDATE), so a late
// SENT after DELIVERED is history, not a regression. A status for a message we never saw
// creates it from what the body says.

export async function ingestStatus(tx: Tx, body: Record<string, unknown>, ctx: IngestContext): Promise<IngestResult> {
  const m = normalizeMessage(body, "status", ctx.receivedAt);
  const { conversationId } = await upsertConversation(tx, m);
  const stored = await storeMessage(tx, conversationId, m);
  if (stored.kind === "reaction") return { duplicate: !stored.created, messageHandle: m.handle };
  if (stored.created) return { duplicate: false, messageHandle: m.handle };

  const history = await tx.messageStatusEvent.createMany({
    data: [
      {
        messageId: stored.id,
        status: m.status,
        errorCode: m.errorCode,
        errorMessage: m.errorMessage,
        occurredAt: m.sourceUpdatedAt ?? ctx.receivedAt,
      },
    ],
    skipDuplicates: true,
  });
  if (history.count === 0) return { duplicate: true, messageHandle: m.handle };

  const advanced = await tx.message.updateMany({
    where: { id: stored.id, statusRank: { lt: m.statusRank } },
    data: {
      status: m.status,
      statusRank: m.statusRank,
      errorCode: m.errorCode,
      errorMessage: m.errorMessage,
      errorReason: m.errorReason,
      errorDetail: m.errorDetail,
      ...(m.service ? { service: m.service } : {}),
      ...(m.wasDowngraded !== null ? { wasDowngraded: m.wasDowngraded } : {}),
      sourceUpdatedAt: m.sourceUpdatedAt,
      updatedAt: new Date(),
    },
  });
  await notifyInbox(tx, {
    type: "status",
    conversationId,
    handle: m.handle,
    status: advanced.count ? m.status : "history",
  });
  return { duplicate: false, messageHandle: m.handle };
}
