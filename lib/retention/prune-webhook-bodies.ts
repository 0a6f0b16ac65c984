import type pg from "pg";

// WEBHOOK_LOG_DAYS: the bodies of webhook_events older than N days are set to NULL in small
// committed batches (each a short transaction: the log keeps taking webhooks meanwhile).
// The walk follows id, which grows with received_at, from a position kept in app_settings:
// each batch reads only the next ids, never rescans what is already pruned, so a run costs
// the same at ten million rows as at ten thousand. Rows stay (outcome, size, handle); replay
// dedupe lives in webhook_fingerprints and is untouched.

const POSITION_KEY = "retention:webhook_bodies:position";
/** Several servers may run retention; one walks at a time (a session lock: one connection). */
const LOCK_KEY = 7_215_001;
const NO_STOP = 2_147_483_647;

export type PruneResult = { pruned: number; freedBytes: number; position: number; busy: boolean };

export async function pruneWebhookBodies(
  pool: pg.Pool,
  input: {
    olderThanDays: number;
    now?: Date;
    batchSize?: number;
    maxBatches?: number;
    onBatch?: (r: PruneResult) => void;
  },
): Promise<PruneResult> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.olderThanDays * 86_400_000);
  const batchSize = input.batchSize ?? 2_000;
  const result: PruneResult = { pruned: 0, freedBytes: 0, position: 0, busy: false };
  const client = await pool.connect();
  try {
    const { rows: locked } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LOCK_KEY]);
    if (!locked[0]?.ok) return { ...result, busy: true };
    try {
      result.position = await readPosition(client);
      for (let batch = 0; batch < (input.maxBatches ?? Infinity); batch++) {
        // One statement: prune the next ids up to the first row too young, and say how far it got.
        const { rows } = await client.query<{
          pruned: number;
          freed: string;
          reached: number | null;
          finished: boolean;
        }>(
          `WITH next AS (
             SELECT id, received_at, body IS NOT NULL AS has_body, body_size
             FROM webhook_events WHERE id > $1 ORDER BY id LIMIT $2
           ), stop AS (
             SELECT coalesce(min(id) FILTER (WHERE received_at >= $3), ${NO_STOP}) AS id FROM next
           ), done AS (
             UPDATE webhook_events e SET body = NULL, body_pruned_at = now()
             FROM next WHERE e.id = next.id AND next.has_body AND next.id < (SELECT id FROM stop)
             RETURNING next.body_size
           )
           SELECT (SELECT count(*)::int FROM done) AS pruned,
                  (SELECT coalesce(sum(body_size), 0)::text FROM done) AS freed,
                  (SELECT max(id) FROM next WHERE id < (SELECT id FROM stop)) AS reached,
                  (SELECT id FROM stop) <> ${NO_STOP} OR (SELECT count(*) FROM next) < $2 AS finished`,
          [result.position, batchSize, cutoff],
        );
        const r = rows[0]!;
        if (r.reached !== null && r.reached > result.position) {
          result.position = r.reached;
          await writePosition(client, r.reached);
        }
        result.pruned += r.pruned;
        result.freedBytes += Number(r.freed);
        input.onBatch?.({ ...result });
        if (r.finished) break;
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function readPosition(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ value: string }>("SELECT value FROM app_settings WHERE key = $1", [
    POSITION_KEY,
  ]);
  return Number(rows[0]?.value ?? 0);
}

async function writePosition(client: pg.PoolClient, position: number): Promise<void> {
  await client.query(
    `INSERT INTO app_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE app_settings.value::bigint < EXCLUDED.value::bigint`,
    [POSITION_KEY, String(position)],
  );
}
