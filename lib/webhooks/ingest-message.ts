import type { SqlRunner } from "@/lib/db/pg-pool";
import { guessMedia } from "./media-kind";
import type { NormalizedMessage } from "./normalize-message";
import { stripNul } from "./sanitize";
import { parseTapback, quoteMatcher } from "./tapback";
import type { EventTarget, RawRequest } from "./webhook-log";

// `receive`, `outbound` and status callbacks: the messages traffic, so the hot path. The
// whole webhook (conversation, message or reaction, status history, media row, NOTIFY and
// the raw log row) is one call of the `inbox_ingest_message_webhook` SQL function
// (migration 20261130000000_ingest_functions), one round trip and one implicit
// transaction on the plain pg pool. Node keeps what it does best: validating the body,
// normalizing it and reading tapbacks and media URLs.

export type MessageIngestResult = { outcome: "processed" | "duplicate"; eventId: number; hasMedia: boolean };

// Named, so each pooled connection parses and plans the call once.
const STATEMENT = "inbox_ingest_message_webhook";

export async function ingestMessageWebhook(
  sql: SqlRunner,
  source: "receive" | "status",
  m: NormalizedMessage,
  receivedAt: Date,
  target: EventTarget,
): Promise<MessageIngestResult> {
  const raw = "raw" in target ? target.raw : null;
  const { rows } = await sql.query<{ outcome: "processed" | "duplicate"; event_id: number; has_media: boolean }>({
    name: STATEMENT,
    text: "SELECT outcome, event_id, has_media FROM inbox_ingest_message_webhook($1, $2, $3, $4, $5)",
    values: [
      source,
      JSON.stringify(messageRow(m, receivedAt)),
      raw ? JSON.stringify(eventRow(raw)) : null,
      raw?.body ?? null,
      "eventId" in target ? target.eventId : null,
    ],
  });
  const row = rows[0]!;
  return { outcome: row.outcome, eventId: row.event_id, hasMedia: row.has_media };
}

// Column names as in the `messages` table (the function reads it with jsonb_populate_record),
// plus what decides the conversation, the tapback and the media row.
function messageRow(m: NormalizedMessage, receivedAt: Date) {
  const tapback = parseTapback(m.content);
  const matcher = tapback ? quoteMatcher(tapback.quote) : null;
  return {
    handle: m.handle,
    direction: m.direction,
    service: m.service,
    content: m.content,
    status: m.status,
    status_rank: m.statusRank,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    error_reason: m.errorReason,
    error_detail: m.errorDetail,
    send_style: m.sendStyle,
    was_downgraded: m.wasDowngraded,
    message_type: m.messageType,
    from_number: m.fromNumber,
    to_number: m.toNumber,
    sender_number: m.senderNumber,
    sender_email: m.senderEmail,
    sent_at: m.sentAt,
    source_updated_at: m.sourceUpdatedAt,
    extra: m.extra,
    received_at: receivedAt,
    line_number: m.lineNumber,
    contact_number: m.contactNumber,
    group_id: m.groupId,
    group_name: m.groupName,
    participants: m.participants,
    opted_out: m.optedOut,
    tapback:
      tapback && matcher
        ? {
            reaction: tapback.reaction,
            emoji: tapback.emoji,
            removed: tapback.removed,
            ...("startsWith" in matcher ? { match: "prefix", quote: matcher.startsWith } : { match: "equals", quote: matcher.equals }),
          }
        : null,
    media: m.mediaUrl ? { source_url: m.mediaUrl, ...snakeMedia(guessMedia(m.mediaUrl)) } : null,
  };
}

function snakeMedia(g: ReturnType<typeof guessMedia>) {
  return { kind: g.kind, content_type: g.contentType, file_name: g.fileName };
}

function eventRow(raw: RawRequest) {
  return {
    type: stripNul(raw.type.slice(0, 64)),
    request_id: raw.requestId,
    received_at: raw.receivedAt,
    headers: raw.headers,
    body_size: raw.bodySize,
  };
}
