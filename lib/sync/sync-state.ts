import type { SqlRunner } from "@/lib/db/pg-pool";

// Leases and bookkeeping for the always-on passes (sync_state rows "reconcile", "stream"):
// whoever holds a row's unexpired lease runs that pass, so several servers (or a server and
// the cron route) never run it twice at once.

export type SyncStateRow = {
  key: string;
  highWaterMark: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  lastResult: Record<string, unknown> | null;
  lastError: string | null;
  runs: number;
  repairedTotal: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
};

const COLUMNS = `key, high_water_mark AS "highWaterMark", last_run_at AS "lastRunAt", last_finished_at AS "lastFinishedAt",
  last_result AS "lastResult", last_error AS "lastError", runs, repaired_total AS "repairedTotal",
  lease_owner AS "leaseOwner", lease_until AS "leaseUntil"`;

/** The lease on `key` for `ms`, if free, expired or already ours. */
export async function takeLease(sql: SqlRunner, key: string, owner: string, ms: number): Promise<SyncStateRow | null> {
  await sql.query("INSERT INTO sync_state (key) VALUES ($1) ON CONFLICT DO NOTHING", [key]);
  const { rows } = await sql.query<SyncStateRow>(
    `UPDATE sync_state SET lease_owner = $2, lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
     WHERE key = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now())
     RETURNING ${COLUMNS}`,
    [key, owner, ms],
  );
  return rows[0] ?? null;
}

export async function releaseLease(sql: SqlRunner, key: string, owner: string): Promise<void> {
  await sql.query("UPDATE sync_state SET lease_owner = NULL, lease_until = NULL WHERE key = $1 AND lease_owner = $2", [
    key,
    owner,
  ]);
}

export async function readSyncState(sql: SqlRunner, key: string): Promise<SyncStateRow | null> {
  const { rows } = await sql.query<SyncStateRow>(`SELECT ${COLUMNS} FROM sync_state WHERE key = $1`, [key]);
  return rows[0] ?? null;
}

export async function recordRun(
  sql: SqlRunner,
  key: string,
  owner: string,
  run: { startedAt: Date; result: Record<string, unknown>; repaired: number; error: string | null },
): Promise<void> {
  await sql.query(
    `UPDATE sync_state SET last_run_at = $3, last_finished_at = now(), last_result = $4, last_error = $5,
       runs = runs + 1, repaired_total = repaired_total + $6, updated_at = now()
     WHERE key = $1 AND lease_owner = $2`,
    [key, owner, run.startedAt, JSON.stringify(run.result), run.error, run.repaired],
  );
}
