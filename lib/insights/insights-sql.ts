import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// Runs one Insights query in a transaction of its own with settings that suit it: JIT off
// (the first-response query's correlated subquery pushes its estimated cost past
// jit_above_cost, and compiling it took ~70 ms, longer than the query saves), room for its
// sort in memory (90 busy days are ~90,000 rows: 4 MB spilled them to disk), and no
// parallel workers (the page runs its queries side by side already; on two cores, workers
// only queued behind them). set_config(…, true) ends with the transaction, so the pool's
// connections keep their defaults.

export async function insightsSql<T>(db: Db, query: Prisma.Sql): Promise<T[]> {
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true),
                        set_config('max_parallel_workers_per_gather', '0', true)`,
    db.$queryRaw<T[]>(query),
  ]);
  return rows;
}
