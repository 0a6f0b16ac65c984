import type { Tx } from "@/lib/db/client";
import type { IngestContext, IngestResult } from "./ingest-types";
import { normalizeMessage } from "./normalize-message";
import { storeMessage } from "./store-message";
import { upsertConversation } from "./upsert-conversation";

/** `receive`: a message arrived on one of our lines (or a tapback on an earlier one). */
export async function ingestReceive(tx: Tx, body: Record<string, unknown>, ctx: IngestContext): Promise<IngestResult> {
  const m = normalizeMessage(body, "receive", ctx.receivedAt);
  const { conversationId } = await upsertConversation(tx, m);
  const stored = await storeMessage(tx, conversationId, m);
  return { duplicate: !stored.created, messageHandle: m.handle };
}
