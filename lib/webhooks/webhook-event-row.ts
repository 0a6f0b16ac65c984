import type { SqlRunner } from "@/lib/db/pg-pool";
import type { EventSource, WebhookOutcome } from "@/lib/generated/prisma/enums";
import { stripNul } from "./sanitize";

// A webhook_events row as its columns, built here whichever way it is written:
// - a message webhook: as JSON to inbox_ingest_message_webhooks, which decides the outcome
//   (ingest-message.ts; tests/webhooks/ingest-contract.test.ts checks the keys are columns);
// - any other webhook, a refusal sample, a re-process: through Prisma or a SQL function in
//   the request's transaction (webhook-log.ts, record-refusal.ts);
// - a page read from Sendblue's API (import, reconcile, stream, contacts): over the pg pool in
//   the page's transaction (insertWebhookEventRow below).

/** A request (or API page) as received. */
export type RawEvent = {
  type: string;
  requestId: string;
  receivedAt: Date;
  headers: Record<string, string>;
  body: Buffer | null;
  /** The body's size as sent; defaults to the kept body's. */
  bodySize?: number;
  source?: EventSource;
};

/** What became of it. */
export type EventOutcome = {
  outcome: WebhookOutcome;
  statusCode: number;
  error: string | null;
  messageHandle?: string | null;
};

export type WebhookEventRow = {
  type: string;
  source: EventSource;
  request_id: string;
  received_at: Date;
  headers: Record<string, string>;
  body: Buffer | null;
  body_size: number;
};

export type WebhookEventOutcomeColumns = {
  outcome: WebhookOutcome;
  status_code: number;
  error: string | null;
  message_handle: string | null;
};

export function webhookEventRow(raw: RawEvent): WebhookEventRow {
  return {
    type: stripNul(raw.type.slice(0, 64)),
    source: raw.source ?? "webhook",
    request_id: raw.requestId,
    received_at: raw.receivedAt,
    headers: raw.headers,
    body: raw.body,
    body_size: raw.bodySize ?? raw.body?.length ?? 0,
  };
}

export function webhookEventOutcome(result: EventOutcome): WebhookEventOutcomeColumns {
  return {
    outcome: result.outcome,
    status_code: result.statusCode,
    // Parser messages quote the offending bytes, which may include NUL.
    error: stripNul(result.error),
    message_handle: stripNul(result.messageHandle ?? null),
  };
}

/** One row over the pg pool (a client inside the caller's transaction); its id. */
export async function insertWebhookEventRow(
  sql: SqlRunner,
  row: WebhookEventRow & WebhookEventOutcomeColumns,
  statementName?: string,
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>({
    name: statementName,
    text: `INSERT INTO webhook_events (type, source, request_id, received_at, headers, body, body_size, outcome, status_code, error,
                                       message_handle, processed_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, clock_timestamp()) RETURNING id`,
    values: [
      row.type,
      row.source,
      row.request_id,
      row.received_at,
      JSON.stringify(row.headers),
      row.body,
      row.body_size,
      row.outcome,
      row.status_code,
      row.error,
      row.message_handle,
    ],
  });
  return rows[0]!.id;
}
