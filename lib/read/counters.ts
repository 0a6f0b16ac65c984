import type { Db } from "@/lib/db/client";

// Running totals kept by triggers (migration 20261202050000_read_counters): a counter's
// value is its folded balance plus the deltas not yet folded. Both are read in one
// statement, so one snapshot: a fold that commits meanwhile moves deltas into the balance
// atomically and the sum stays exact. Cost: the keys asked for plus the unfolded deltas
// (each ingest batch folds them), whatever the size of the history.

export const counterKeys = {
  lineMessages: (lineId: number, direction: "inbound" | "outbound") => `line:${lineId}:${direction}`,
  lineConversations: (lineId: number) => `line:${lineId}:conversations`,
  media: (state: string) => `media:${state}`,
} as const;

/** Each key's total; a key never counted reads 0. */
export async function readCounters(db: Db, keys: string[]): Promise<Map<string, number>> {
  const totals = new Map(keys.map((k) => [k, 0]));
  if (!keys.length) return totals;
  const rows = await db.$queryRaw<{ key: string; total: bigint }[]>`
    SELECT key, sum(value)::bigint AS total FROM (
      SELECT key, value FROM counters WHERE key = ANY(${keys})
      UNION ALL
      SELECT key, delta FROM counter_deltas WHERE key = ANY(${keys})
    ) t GROUP BY key`;
  for (const r of rows) totals.set(r.key, Number(r.total));
  return totals;
}
