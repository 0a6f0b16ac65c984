import type { Db } from "@/lib/db/client";
import type { WebhookOutcome } from "@/lib/generated/prisma/enums";
import { nestsDeeperThan } from "@/lib/webhooks/json-depth";
import { decodeIdCursor, encodeCursor } from "./cursor";

// The raw log, newest first, keyset-paged on id (webhook_events_type_id_idx /
// webhook_events_outcome_id_idx when filtered).

export const OUTCOMES = ["processed", "duplicate", "invalid", "unauthorized", "too_large", "failed"] as const;

/** Bodies up to this size come with the list; larger ones are fetched one at a time. */
export const INLINE_BODY_BYTES = 16 * 1024;

export async function listWebhookEvents(
  db: Db,
  input: { type?: string | null; outcome?: WebhookOutcome | null; cursor?: string | null; limit?: number } = {},
) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const before = decodeIdCursor(input.cursor);
  // A page of the log must not drag 50 one-megabyte bodies along: bodies are read only
  // for the rows small enough to show inline.
  const rows = await db.webhookEvent.findMany({
    where: {
      ...(input.type ? { type: input.type.replaceAll("-", "_") } : {}),
      ...(input.outcome ? { outcome: input.outcome } : {}),
      ...(before ? { id: { lt: before } } : {}),
    },
    omit: { body: true },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const small = page.filter((e) => e.bodySize <= INLINE_BODY_BYTES).map((e) => e.id);
  const bodies = small.length
    ? new Map(
        (await db.webhookEvent.findMany({ where: { id: { in: small } }, select: { id: true, body: true } })).map(
          (b) => [b.id, b.body],
        ),
      )
    : new Map<number, Row["body"]>();
  return {
    events: page.map((e) => ({
      ...presentWebhookEvent({ ...e, body: bodies.get(e.id) ?? null }),
      bodyOmitted: !bodies.has(e.id) && e.bodySize > 0,
    })),
    nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
  };
}

export async function getWebhookEvent(db: Db, id: number) {
  const row = await db.webhookEvent.findUnique({ where: { id } });
  return row ? { ...presentWebhookEvent(row), bodyOmitted: false } : null;
}

// Only bodies the inbox accepted come back parsed; anything refused is a stranger's bytes
// and comes back as text (pretty-printed when it is shallow enough to format safely).
const ACCEPTED = new Set<WebhookOutcome>(["processed", "duplicate"]);

/**
 * A body nested thousands deep parses, but JSON.stringify (ours for `pretty`, and the
 * response's own for `json`) overflows the stack on it: a whole page would answer 500.
 * Depth is measured first without recursion; past the ingestion limit the body stays text.
 */
function readableBody(text: string | null, accepted: boolean): { json: unknown; pretty: string | null } {
  if (text === null || nestsDeeperThan(text)) return { json: null, pretty: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { json: null, pretty: null };
  }
  // Pretty-printed here, so pages can pass a string to the browser.
  return { json: accepted ? json : null, pretty: JSON.stringify(json, null, 2) };
}

export type WebhookEventList = Awaited<ReturnType<typeof listWebhookEvents>>;

type Row = Awaited<ReturnType<Db["webhookEvent"]["findMany"]>>[number];

export function presentWebhookEvent(e: Row) {
  const text = e.body ? Buffer.from(e.body).toString("utf8") : null;
  const { json, pretty } = readableBody(text, ACCEPTED.has(e.outcome));
  return {
    id: e.id,
    type: e.type,
    requestId: e.requestId,
    receivedAt: e.receivedAt.toISOString(),
    headers: e.headers,
    body: text,
    json,
    pretty,
    bodySize: e.bodySize,
    outcome: e.outcome,
    statusCode: e.statusCode,
    error: e.error,
    messageHandle: e.messageHandle,
    processedAt: e.processedAt?.toISOString() ?? null,
    attempts: e.attempts,
    bodyPrunedAt: e.bodyPrunedAt?.toISOString() ?? null,
  };
}
