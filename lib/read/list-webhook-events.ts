import type { Db } from "@/lib/db/client";
import type { WebhookOutcome } from "@/lib/generated/prisma/enums";
import { decodeIdCursor, encodeCursor } from "./cursor";

// The raw log, newest first, keyset-paged on id (webhook_events_type_id_idx /
// webhook_events_outcome_id_idx when filtered).

export const OUTCOMES = ["processed", "duplicate", "invalid", "unauthorized", "too_large", "failed"] as const;

export async function listWebhookEvents(
  db: Db,
  input: { type?: string | null; outcome?: WebhookOutcome | null; cursor?: string | null; limit?: number } = {},
) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const before = decodeIdCursor(input.cursor);
  const rows = await db.webhookEvent.findMany({
    where: {
      ...(input.type ? { type: input.type.replaceAll("-", "_") } : {}),
      ...(input.outcome ? { outcome: input.outcome } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    events: page.map(presentWebhookEvent),
    nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
  };
}

export type WebhookEventList = Awaited<ReturnType<typeof listWebhookEvents>>;

type Row = Awaited<ReturnType<Db["webhookEvent"]["findMany"]>>[number];

export function presentWebhookEvent(e: Row) {
  const text = e.body ? Buffer.from(e.body).toString("utf8") : null;
  let json: unknown = null;
  if (text !== null) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return {
    id: e.id,
    type: e.type,
    requestId: e.requestId,
    receivedAt: e.receivedAt.toISOString(),
    headers: e.headers,
    body: text,
    json,
    bodySize: e.bodySize,
    outcome: e.outcome,
    statusCode: e.statusCode,
    error: e.error,
    messageHandle: e.messageHandle,
    processedAt: e.processedAt?.toISOString() ?? null,
    attempts: e.attempts,
  };
}
