import type { SqlRunner } from "@/lib/db/pg-pool";
import { noteIngestBacklog } from "./ingest-pressure";

// Group commit for message webhooks. A webhook is sent to the database at once when no batch
// is in flight; the ones that arrive meanwhile wait and go together in the next call, one
// round trip and one commit for all of them. A lone webhook therefore waits for nothing, and
// under load the per-webhook cost of the driver, the socket and the commit is shared.
// Every caller still gets its own row, and only after the batch has committed.

export type BatchItem = {
  source: "receive" | "status";
  message: unknown;
  event: unknown;
  body: Buffer | null;
  eventId: number | null;
};

export type BatchRow = {
  outcome: "processed" | "duplicate" | null;
  event_id: number | null;
  has_media: boolean;
  error_state: string | null;
  error_message: string | null;
};

type Pending = { item: BatchItem; resolve: (row: BatchRow) => void; reject: (error: unknown) => void };

// Each item is a subtransaction; PostgreSQL tracks 64 per transaction cheaply, past that
// every other session's snapshot checks get slower.
const MAX_BATCH = 32;
// Two batches overlap the database's work on one with Node's on the next, and keep ingest
// moving if one waits on a lock.
const MAX_IN_FLIGHT = 2;

const STATEMENT = {
  name: "inbox_ingest_message_webhooks",
  text: "SELECT outcome, event_id, has_media, error_state, error_message FROM inbox_ingest_message_webhooks($1, $2)",
};

export class IngestBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly sql: SqlRunner) {}

  submit(item: BatchItem): Promise<BatchRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
    if (this.queue.length > 0) noteIngestBacklog();
  }

  private async run(batch: Pending[]): Promise<void> {
    const items = batch.map(({ item }) => ({
      source: item.source,
      message: item.message,
      event: item.event,
      event_id: item.eventId,
    }));
    try {
      const { rows } = await this.sql.query<BatchRow>({
        ...STATEMENT,
        values: [JSON.stringify(items), batch.map(({ item }) => item.body)],
      });
      if (rows.length !== batch.length)
        throw new Error(`ingest batch returned ${rows.length} rows for ${batch.length}`);
      batch.forEach((pending, i) => {
        pending.resolve(rows[i]!);
      });
    } catch (error) {
      // The whole call failed (connection lost, server down): nothing of it committed.
      for (const pending of batch) pending.reject(error);
    }
  }
}

const batchers = new WeakMap<SqlRunner, IngestBatcher>();

/** One batcher per pool, so every request of a process shares it. */
export function batcherFor(sql: SqlRunner): IngestBatcher {
  let batcher = batchers.get(sql);
  if (!batcher) {
    batcher = new IngestBatcher(sql);
    batchers.set(sql, batcher);
  }
  return batcher;
}
