import type { Tx } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { IngestContext, IngestResult } from "./ingest-types";
import { normalizeMessage } from "./normalize-message";
import { storeMessage, type StoreResult } from "./store-message";
import { upsertContact, upsertConversation } from "./upsert-conversation";

// `outbound` and per-message status callbacks. History gets each (handle, status) once;
// the message's current status only ever moves up the rank (guarded UPDATE), so a late
// SENT after DELIVERED is history, not a regression. A status for a message we never saw
// creates it from what the body says.

export async function ingestStatus(tx: Tx, body: Record<string, unknown>, ctx: IngestContext): Promise<IngestResult> {
  const m = normalizeMessage(body, "status", ctx.receivedAt);
  // Most status updates are for a message we already hold: its conversation is known, so
  // only the contact's opt-out flag (and a group's new name) can still change.
  const known = await tx.message.findUnique({ where: { handle: m.handle }, select: { id: true, conversationId: true } });
  let conversationId: number;
  let stored: StoreResult;
  if (known && !(m.groupId && m.groupName)) {
    if (m.contactNumber && m.optedOut !== null) await upsertContact(tx, m.contactNumber, m.optedOut);
    conversationId = known.conversationId;
    stored = { kind: "message", id: known.id, created: false };
  } else {
    conversationId = (await upsertConversation(tx, m)).conversationId;
    stored = await storeMessage(tx, conversationId, m);
  }
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
