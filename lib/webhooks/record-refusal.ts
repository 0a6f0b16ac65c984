import type { Db } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RawRequest } from "./webhook-log";
import { stripNul } from "./sanitize";
import { webhookEventRow } from "./webhook-event-row";
import { parseWebhookType } from "./webhook-types";

// A request with a wrong or missing secret comes from anyone on the internet, so it must
// not cost a log row (and its body) each: a flood would fill the disk. Every refusal is
// counted (webhook_refusals, per minute and type; the type set is fixed, so at most
// 9 rows a minute), and only a sample is kept as a log row with the start of its body:
// the first per source address per minute (sample_key is unique), and at most
// REFUSAL_SAMPLES_PER_MINUTE per type and minute whatever the number of sources. Both
// limits hold in the database (unique key, and the count row locked by the upsert), so
// concurrent requests and servers agree.

/** The start of a refused body kept in a sample: enough to tell what was sent. */
export const REFUSAL_SAMPLE_BYTES = 4096;
export const REFUSAL_SAMPLES_PER_MINUTE = 3;

export type Refusal = {
  raw: RawRequest;
  source: string;
  error: string;
  statusCode: number;
  /** The body's first bytes, and whether there was more. */
  sample: { bytes: Buffer; truncated: boolean };
};

/** Counts a refusal, and keeps it as a log row when it is its source's first this minute. */
export async function recordRefusal(sql: SqlRunner, refusal: Refusal): Promise<{ sampled: boolean }> {
  const { raw, source, sample } = refusal;
  const minute = new Date(Math.floor(raw.receivedAt.getTime() / 60_000) * 60_000);
  const type = parseWebhookType(raw.type) ?? "unknown";
  const note = sample.truncated ? ` (body cut to its first ${REFUSAL_SAMPLE_BYTES} bytes)` : "";
  const row = webhookEventRow({
    ...raw,
    body: sample.bytes.length ? sample.bytes : null,
    bodySize: Math.max(raw.bodySize, sample.bytes.length),
  });
  // One call of a SQL function (migration 20261202021338_webhook_refusals), not an
  // interactive transaction: under a flood those queued for a connection and failed.
  const { rows } = await sql.query<{ sampled: boolean }>(
    "SELECT inbox_record_webhook_refusal($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12) AS sampled",
    [
      minute,
      type,
      REFUSAL_SAMPLES_PER_MINUTE,
      `${minute.toISOString()}|${source.slice(0, 100)}`,
      row.type,
      row.request_id,
      row.received_at,
      JSON.stringify(row.headers),
      row.body,
      row.body_size,
      refusal.statusCode,
      stripNul(`${refusal.error}${note}`),
    ],
  );
  return { sampled: rows[0]?.sampled === true };
}

/** All refusals counted, when the last one came, and how many were kept as samples. */
export async function refusalTotals(
  client: Db | SqlRunner,
): Promise<{ count: number; sampled: number; lastAt: string | null }> {
  const [totals] = await queryRows<{ refused: bigint | string; sampled: bigint | string; last_at: Date | null }>(
    client,
    Prisma.sql`SELECT coalesce(sum(refused), 0)::bigint AS refused, coalesce(sum(sampled), 0)::bigint AS sampled,
        max(last_at) AS last_at FROM webhook_refusals`,
  );
  return {
    count: Number(totals!.refused),
    sampled: Number(totals!.sampled),
    lastAt: totals!.last_at?.toISOString() ?? null,
  };
}
