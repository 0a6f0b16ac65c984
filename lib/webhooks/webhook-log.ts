import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookOutcome } from "@/lib/generated/prisma/enums";
import type { ProcessOutcome } from "./process-webhook";
import { stripNul } from "./sanitize";

// The raw log: one row per request, the body byte for byte, and what became of it.

export type RawRequest = {
  type: string;
  requestId: string;
  receivedAt: Date;
  headers: Record<string, string>;
  body: Buffer | null;
  bodySize: number;
};

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

export async function insertWebhookEvent(
  tx: Tx,
  raw: RawRequest,
  result: { outcome: WebhookOutcome; statusCode: number; error: string | null; messageHandle?: string | null },
): Promise<number> {
  const row = await tx.webhookEvent.create({
    data: {
      type: stripNul(raw.type.slice(0, 64)),
      requestId: raw.requestId,
      receivedAt: raw.receivedAt,
      headers: raw.headers as Prisma.InputJsonValue,
      body: raw.body ? new Uint8Array(raw.body) : null,
      bodySize: raw.bodySize,
      outcome: result.outcome,
      statusCode: result.statusCode,
      // Parser messages quote the offending bytes, which may include NUL.
      error: stripNul(result.error),
      messageHandle: stripNul(result.messageHandle ?? null),
      processedAt: new Date(),
    },
    select: { id: true },
  });
  return row.id;
}

export async function recordWebhookEvent(tx: Tx, target: EventTarget, outcome: ProcessOutcome): Promise<number> {
  if ("raw" in target) return insertWebhookEvent(tx, target.raw, outcome);
  await updateWebhookEventOutcome(tx, target.eventId, outcome);
  return target.eventId;
}

/** After a re-process: the same row, with the new outcome. */
async function updateWebhookEventOutcome(tx: Tx, id: number, outcome: ProcessOutcome): Promise<void> {
  await tx.webhookEvent.update({
    where: { id },
    data: {
      outcome: outcome.outcome,
      statusCode: outcome.statusCode,
      error: stripNul(outcome.error),
      messageHandle: stripNul(outcome.messageHandle),
      processedAt: new Date(),
      attempts: { increment: 1 },
    },
    select: { id: true },
  });
}
