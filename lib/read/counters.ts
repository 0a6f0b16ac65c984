import type { Db, Tx } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";

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

/** A statement's rows (key, total) for the counters whose key matches `where` (an SQL condition on `key`). */
export function counterTotalsSql(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT key, sum(value)::bigint AS total FROM (
      SELECT key, value FROM counters WHERE ${where}
      UNION ALL
      SELECT key, delta FROM counter_deltas WHERE ${where}
    ) t GROUP BY key`;
}

/** Each key's total; a key never counted reads 0. */
export async function readCounters(client: Db | Tx | SqlRunner, keys: string[]): Promise<Map<string, number>> {
  const totals = new Map(keys.map((k) => [k, 0]));
  if (!keys.length) return totals;
  const rows = await queryRows<{ key: string; total: bigint | string }>(
    client,
    counterTotalsSql(Prisma.sql`key = ANY(${keys})`),
  );
  for (const r of rows) totals.set(r.key, Number(r.total));
  return totals;
}
