import type { Db } from "@/lib/db/client";

// OUTGOING_LOG_DAYS: finished outgoing deliveries (delivered, or failed for good) older than N
// days leave the delivery log. Every event makes one row per endpoint, so with integrations
// on this is the table that grows fastest. Pending and in-flight rows are never touched: they
// are the queue. Batches walk the primary key from the oldest row (old rows have the lowest
// ids), each a short statement of its own, so ingest keeps inserting meanwhile.

export type OutgoingPruneResult = { removed: number };

export async function pruneOutgoingLog(
  db: Db,
  input: { olderThanDays: number; now?: Date; batchSize?: number; maxBatches?: number },
): Promise<OutgoingPruneResult> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.olderThanDays * 86_400_000);
  const batchSize = input.batchSize ?? 5_000;
  let removed = 0;
  for (let batch = 0; batch < (input.maxBatches ?? Infinity); batch++) {
    const n = await db.$executeRaw`
      DELETE FROM webhook_deliveries WHERE id IN (
        SELECT id FROM webhook_deliveries
        WHERE state IN ('delivered', 'failed') AND updated_at < ${cutoff}
        ORDER BY id LIMIT ${batchSize})`;
    removed += n;
    if (n < batchSize) break;
  }
  return { removed };
}
