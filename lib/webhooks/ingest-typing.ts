import type { Tx } from "@/lib/db/client";
import { notifyInbox } from "@/lib/realtime/notify";
import type { IngestContext, IngestResult } from "./ingest-types";
import { MissingFieldsError } from "./normalize-message";
import { typingPayloadSchema } from "./payload-schemas";
import { upsertConversation } from "./upsert-conversation";

/** `typing_indicator`: `number` is the contact, `from_number` our line (iMessage 1:1 only). */
export async function ingestTyping(tx: Tx, body: Record<string, unknown>, ctx: IngestContext): Promise<IngestResult> {
  const p = typingPayloadSchema.parse(body);
  const missing = [...(p.number ? [] : ["number"]), ...(p.is_typing === null ? ["is_typing"] : [])];
  if (missing.length) throw new MissingFieldsError(missing);
  const { conversationId } = await upsertConversation(tx, {
    lineNumber: p.sendblue_number ?? p.from_number,
    contactNumber: p.number,
    groupId: null,
  });
  const at = p.timestamp ?? ctx.receivedAt;
  const isTyping = p.is_typing === true;
  // Guarded so an indicator delivered late never overrides a newer one.
  const updated = await tx.typingState.updateMany({
    where: { conversationId, updatedAt: { lte: at } },
    data: { isTyping, updatedAt: at },
  });
  if (updated.count === 0) {
    const created = await tx.typingState.createMany({
      data: [{ conversationId, isTyping, updatedAt: at }],
      skipDuplicates: true,
    });
    if (created.count === 0) return { duplicate: false };
  }
  await notifyInbox(tx, { type: "typing", conversationId, isTyping });
  return { duplicate: false };
}
