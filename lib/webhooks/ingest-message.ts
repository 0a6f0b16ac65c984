import type { SqlRunner } from "@/lib/db/pg-pool";
import { guessMedia } from "@/lib/media/media-kind";
import { batcherFor, type BatchRow } from "./ingest-batcher";
import type { NormalizedMessage } from "./normalize-message";
import { parseTapback, quoteMatcher } from "./tapback";
import { webhookEventRow } from "./webhook-event-row";
import type { EventTarget, RawRequest } from "./webhook-log";

// `receive`, `outbound` and status callbacks: the messages traffic, so the hot path. The
// whole webhook (conversation, message or reaction, status history, media row, NOTIFY and
// the raw log row) is one item of an `inbox_ingest_message_webhooks` SQL function call
// (migration 20261130000000_ingest_functions), batched with the webhooks that arrive at the
// same time (ingest-batcher.ts) into one round trip and one commit on the plain pg pool.
// Node keeps what it does best: validating the body, normalizing it and reading tapbacks and
// media URLs.

export type MessageIngestResult = { outcome: "processed" | "duplicate"; eventId: number; hasMedia: boolean };

/** A webhook the database could not apply (bad data for a column, say); its SQLSTATE is the code. */
export class IngestItemError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Concurrent batches can lock two conversations in opposite orders; the one PostgreSQL picks
// to fail was rolled back alone, and simply goes again.
const RETRYABLE = new Set(["40P01", "40001", "55P03"]);
const ATTEMPTS = 3;

export async function ingestMessageWebhook(
  sql: SqlRunner,
  source: "receive" | "status",
  m: NormalizedMessage,
  receivedAt: Date,
  target: EventTarget,
): Promise<MessageIngestResult> {
  const raw = "raw" in target ? target.raw : null;
  const item = {
    source,
    message: messageRow(m, receivedAt),
    event: raw ? eventRow(raw) : null,
    body: raw?.body ?? null,
    eventId: "eventId" in target ? target.eventId : null,
  };
  let row: BatchRow;
  let attempt = 0;
  do {
    row = await batcherFor(sql).submit(item);
  } while (row.error_state && RETRYABLE.has(row.error_state) && ++attempt < ATTEMPTS);
  if (row.error_state || !row.outcome || row.event_id === null) {
    throw new IngestItemError(row.error_state ?? "XX000", row.error_message ?? "ingest returned no outcome");
  }
  return { outcome: row.outcome, eventId: row.event_id, hasMedia: row.has_media };
}

// Column names as in the `messages` table (the function reads it with jsonb_populate_record),
// plus what decides the conversation, the tapback and the media row.
export function messageRow(m: NormalizedMessage, receivedAt: Date) {
  const tapback = parseTapback(m.content);
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
    tapback: tapback
      ? { reaction: tapback.reaction, emoji: tapback.emoji, removed: tapback.removed, ...quoteMatcher(tapback.quote) }
      : null,
    media: m.mediaUrl ? mediaRow(m.mediaUrl) : null,
  };
}

function mediaRow(url: string) {
  const guess = guessMedia(url);
  return { source_url: url, kind: guess.kind, content_type: guess.contentType, file_name: guess.fileName };
}

/** The raw log row as the function reads it (jsonb_populate_record): the body goes as bytea beside it. */
export function eventRow(raw: RawRequest) {
  const { type, request_id, received_at, headers, body_size } = webhookEventRow(raw);
  return { type, request_id, received_at, headers, body_size };
}
