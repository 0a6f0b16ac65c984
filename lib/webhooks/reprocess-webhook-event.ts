import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { processWebhook } from "./process-webhook";
import { updateWebhookEventOutcome } from "./webhook-log";
import { parseWebhookType } from "./webhook-types";

/** Runs a stored body through ingestion again (after a fix); effects stay idempotent. */
export async function reprocessWebhookEvent(db: Db, id: number) {
  const event = await db.webhookEvent.findUnique({ where: { id }, select: { type: true, body: true, receivedAt: true } });
  if (!event) throw new ApiError(404, "not_found", `No webhook event ${id}`);
  const type = parseWebhookType(event.type);
  if (!type || !event.body) throw new ApiError(409, "not_reprocessable", "This event has no body or no known type");
  return processWebhook(db, { type, body: Buffer.from(event.body), receivedAt: event.receivedAt }, (tx, outcome) =>
    updateWebhookEventOutcome(tx, id, outcome),
  );
}
