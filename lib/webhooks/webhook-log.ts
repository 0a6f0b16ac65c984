import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcessOutcome } from "./process-webhook";
import { type EventOutcome, type RawEvent, webhookEventOutcome, webhookEventRow } from "./webhook-event-row";

// The raw log: one row per request, the body byte for byte, and what became of it.

export type RawRequest = RawEvent & { bodySize: number };

/** Where the raw log row goes: a new row for this request, or an existing one re-processed. */
export type EventTarget = { raw: RawRequest } | { eventId: number };

const KEPT_HEADERS = ["content-type", "content-length", "user-agent", "x-forwarded-for", "x-real-ip", "x-request-id"];

/** The headers worth keeping; the secret itself never is, only whether it came. */
export function selectHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 500);
  }
  kept["sb-signing-secret"] = headers.has("sb-signing-secret") ? "present" : "absent";
  return kept;
}

export async function insertWebhookEvent(tx: Tx, raw: RawRequest, result: EventOutcome): Promise<number> {
  const row = { ...webhookEventRow(raw), ...webhookEventOutcome(result) };
  const created = await tx.webhookEvent.create({
    data: {
      type: row.type,
      source: row.source,
      requestId: row.request_id,
      receivedAt: row.received_at,
      headers: row.headers as Prisma.InputJsonValue,
      body: row.body ? new Uint8Array(row.body) : null,
      bodySize: row.body_size,
      outcome: row.outcome,
      statusCode: row.status_code,
      error: row.error,
      messageHandle: row.message_handle,
      processedAt: new Date(),
    },
    select: { id: true },
  });
  return created.id;
}

export async function recordWebhookEvent(tx: Tx, target: EventTarget, outcome: ProcessOutcome): Promise<number> {
  if ("raw" in target) return insertWebhookEvent(tx, target.raw, outcome);
  await updateWebhookEventOutcome(tx, target.eventId, outcome);
  return target.eventId;
}

/** After a re-process: the same row, with the new outcome. */
async function updateWebhookEventOutcome(tx: Tx, id: number, outcome: ProcessOutcome): Promise<void> {
  const row = webhookEventOutcome(outcome);
  await tx.webhookEvent.update({
    where: { id },
    data: {
      outcome: row.outcome,
      statusCode: row.status_code,
      error: row.error,
      messageHandle: row.message_handle,
      processedAt: new Date(),
      attempts: { increment: 1 },
    },
    select: { id: true },
  });
}
