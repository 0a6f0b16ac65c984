import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { configuredSendblueClient } from "@/lib/sendblue/configured-client";

/**
 * Tells Sendblue a 1:1 conversation was read, when SENDBLUE_MARK_READ is on. Best effort:
 * the read state is already stored; a failure here is logged, never shown as an error.
 */
export async function markReadOnSendblue(db: Db, conversationId: number): Promise<void> {
  const client = configuredSendblueClient();
  if (!env().SENDBLUE_MARK_READ || !client) return;
  const c = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { kind: true, contactNumber: true, line: { select: { number: true } } },
  });
  if (c?.kind !== "direct" || !c.contactNumber || !c.line) return;
  await client.markRead({ number: c.contactNumber, from_number: c.line.number }).catch((error: Error) => {
    log("warn", "Sendblue mark-read failed", { conversationId, error: error.message });
  });
}
