import { randomUUID } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import { log } from "@/lib/http/log";
import { messageRow } from "@/lib/webhooks/ingest-message";
import { normalizeMessage, UnusableFieldsError } from "@/lib/webhooks/normalize-message";
import { insertWebhookEventRow, webhookEventOutcome, webhookEventRow } from "@/lib/webhooks/webhook-event-row";

// One page of messages read from Sendblue's API (an import or reconcile page, or one stream
// event), applied in one transaction: every message through `inbox_ingest_message`, the
// function webhooks use (so one handle is one row, and status only moves up), the page body
// kept raw in webhook_events with its source, and the caller's bookkeeping (a job's cursor,
// reconcile's high-water mark), all committed together or not at all. A message that cannot
// be applied (no handle, a value no column holds) is skipped and counted, never half-written:
// each runs in its own subtransaction.

export type PageSource = "import" | "reconcile" | "stream";

/** A page read from Sendblue's API, as received. */
export type SourcePage = { source: PageSource; type: string; raw: Buffer; receivedAt: Date };

export type PageCounts = { fetched: number; stored: number; known: number; failed: number; hasMedia: boolean };

/** Thrown by `commit` to roll the page back (a lost lease, say). */
export class PageAborted extends Error {}

export const messagePageSchema = z.looseObject({
  data: z.array(z.unknown()),
  pagination: z.looseObject({ hasMore: z.boolean().optional(), total: z.number().optional() }).optional(),
});

type IngestRow = {
  outcome: "processed" | "duplicate" | null;
  has_media: boolean;
  error_state: string | null;
  error_message: string | null;
};

export async function ingestMessages(
  pool: pg.Pool,
  page: {
    source: PageSource;
    /** Imported history is read: no unread counts, no "new message" signal. */
    quiet: boolean;
    type: string;
    raw: Buffer;
    messages: unknown[];
    receivedAt: Date;
  },
  commit?: (client: pg.PoolClient, counts: PageCounts) => Promise<void>,
): Promise<PageCounts> {
  const counts: PageCounts = { fetched: page.messages.length, stored: 0, known: 0, failed: 0, hasMedia: false };
  const problems: string[] = [];
  const items: { source: "receive" | "status"; message: unknown }[] = [];
  const handles: string[] = [];
  page.messages.forEach((body, index) => {
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      problems.push(`#${index}: not an object`);
      return;
    }
    const record = body as Record<string, unknown>;
    // A snapshot of the message as it is now: like a status update, it creates the message
    // when new and otherwise adds the status to its history (never moving it backwards).
    const source = record.status ? "status" : "receive";
    try {
      const m = normalizeMessage(record, source, page.receivedAt);
      items.push({ source, message: messageRow(m, page.receivedAt) });
      handles.push(m.handle);
    } catch (error) {
      if (!(error instanceof UnusableFieldsError)) throw error;
      problems.push(`#${index}: ${error.message}`);
    }
  });
  counts.failed = problems.length;

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (page.quiet) await client.query("SELECT set_config('inbox.sync_quiet', 'on', true)");
    const rows = await ingestItems(client, items);
    rows.forEach((row, i) => {
      if (row.outcome === "processed") counts.stored++;
      else if (row.outcome === "duplicate") counts.known++;
      else {
        counts.failed++;
        problems.push(`${handles[i]}: ${row.error_state} ${row.error_message ?? ""}`.trim());
      }
      if (row.has_media) counts.hasMedia = true;
    });
    const eventId = await insertCountedPageEvent(client, page, counts, problems);
    if (problems.length) {
      log("warn", "sync page: messages skipped", {
        source: page.source,
        eventId,
        skipped: problems.length,
        problems: problems.slice(0, 5),
      });
    }
    await commit?.(client, counts);
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

// Pages are stored side by side (run-import.ts), so two can lock the same conversations in
// opposite orders; PostgreSQL then rolls one item back (its subtransaction only), and that
// item simply goes again, as the webhook batcher does.
const RETRYABLE = new Set(["40P01", "40001", "55P03"]);

async function ingestItems(client: pg.PoolClient, items: unknown[]): Promise<IngestRow[]> {
  if (!items.length) return [];
  const call = async (batch: unknown[]) =>
    (
      await client.query<IngestRow>({
        name: "inbox_ingest_sync_items",
        text: "SELECT outcome, has_media, error_state, error_message FROM inbox_ingest_sync_items($1)",
        values: [JSON.stringify(batch)],
      })
    ).rows;
  const rows = await call(items);
  for (let attempt = 0; attempt < 3; attempt++) {
    const again = rows.flatMap((r, i) => (r.error_state && RETRYABLE.has(r.error_state) ? [i] : []));
    if (!again.length) break;
    const retried = await call(again.map((i) => items[i]));
    again.forEach((index, j) => {
      rows[index] = retried[j]!;
    });
  }
  return rows;
}

/** A page that is not what the API documents: kept raw and logged, nothing applied. */
export async function recordBadPage(
  pool: pg.Pool,
  page: SourcePage,
  reason: string,
  commit?: (client: pg.PoolClient) => Promise<void>,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const eventId = await insertPageEvent(client, page, "invalid", reason);
    await commit?.(client);
    await client.query("COMMIT");
    log("warn", "sync page skipped: not a page of messages", { source: page.source, eventId, reason });
    return eventId;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function insertCountedPageEvent(client: pg.PoolClient, page: SourcePage, c: PageCounts, problems: string[]) {
  const summary = `${c.fetched} fetched, ${c.stored} stored, ${c.known} already known, ${c.failed} skipped`;
  const error = problems.length ? `${summary}: ${problems.slice(0, 20).join("; ")}` : null;
  return insertPageEvent(
    client,
    page,
    c.stored > 0 || c.fetched === 0 ? "processed" : c.known > 0 ? "duplicate" : "invalid",
    error,
  );
}

/** A page read from Sendblue's API, kept raw in the log like a webhook (with its source). */
export function insertPageEvent(
  client: pg.PoolClient,
  page: SourcePage,
  outcome: "processed" | "duplicate" | "invalid",
  error: string | null,
): Promise<number> {
  const row = webhookEventRow({
    type: page.type,
    source: page.source,
    requestId: randomUUID(),
    receivedAt: page.receivedAt,
    headers: {},
    body: page.raw,
  });
  const result = webhookEventOutcome({ outcome, statusCode: 200, error: error?.slice(0, 4000) ?? null });
  return insertWebhookEventRow(client, { ...row, ...result }, "inbox_insert_sync_event");
}

/** The next keyset cursor after a page ordered ascending by `field`: its newest time, and how
 * many rows at exactly that time were already read (offset within it). Offset paging alone
 * skips rows when the set changes during the walk; a time cursor does not. */
export function nextCursor(
  cursor: { at: Date | null; skip: number },
  messages: unknown[],
  field: "date_sent" | "date_updated",
): { at: Date | null; skip: number } {
  let newest: number | null = null;
  let atNewest = 0;
  for (const m of messages) {
    const t = m && typeof m === "object" ? Date.parse(String((m as Record<string, unknown>)[field] ?? "")) : NaN;
    if (Number.isNaN(t)) continue;
    if (newest === null || t > newest) {
      newest = t;
      atNewest = 1;
    } else if (t === newest) atNewest++;
  }
  const current = cursor.at?.getTime() ?? null;
  // No usable date, or nothing newer than the cursor: step over what this page held.
  if (newest === null || (current !== null && newest <= current))
    return { at: cursor.at, skip: cursor.skip + messages.length };
  return { at: new Date(newest), skip: atNewest };
}
