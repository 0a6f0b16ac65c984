import pg from "pg";

// What "no loss, nothing half-applied" means after a crash, as queries:
// - every acknowledged webhook's message is stored, and its raw log row (processed) is too;
// - no message lacks its raw row (effects are never stored without the body that caused them);
// - no conversation points at a missing last message, or at one older than its newest;
// - the counters ledger equals a count of the rows (its triggers ran in the same transactions).

export type NoLossResult = {
  found: number;
  lost: number;
  withoutRawRow: number;
  halfApplied: number;
  details: Record<string, number | string[]>;
};

export async function verifyNoLoss(url: string, acknowledged: string[]): Promise<NoLossResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) =>
      Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
    const found = await one("SELECT count(*) AS n FROM messages WHERE handle = ANY($1)", [acknowledged]);
    const missing = (
      await client.query<{ handle: string }>(
        "SELECT h AS handle FROM unnest($1::text[]) h WHERE NOT EXISTS (SELECT 1 FROM messages WHERE handle = h) LIMIT 10",
        [acknowledged],
      )
    ).rows.map((r) => r.handle);
    const ackedWithoutRaw = await one(
      `SELECT count(*) AS n FROM unnest($1::text[]) h
       WHERE NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.message_handle = h AND e.outcome IN ('processed', 'duplicate'))`,
      [acknowledged],
    );
    const withoutRawRow = await one(
      "SELECT count(*) AS n FROM messages m WHERE NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.message_handle = m.handle)",
    );
    const danglingLast = await one(
      "SELECT count(*) AS n FROM conversations c WHERE c.last_message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = c.last_message_id)",
    );
    const staleLast = await one(
      `SELECT count(*) AS n FROM conversations c
       WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)
         AND c.last_message_at IS DISTINCT FROM (SELECT max(m.sent_at) FROM messages m WHERE m.conversation_id = c.id)`,
    );
    const counterDrift = await one(
      `WITH real AS (
         SELECT 'line:' || c.line_id || ':' || m.direction AS key, count(*) AS n
         FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.line_id IS NOT NULL GROUP BY 1
       ), kept AS (
         SELECT key, sum(value) AS n FROM (SELECT key, value FROM counters UNION ALL SELECT key, delta FROM counter_deltas) t
         WHERE key LIKE 'line:%:inbound' OR key LIKE 'line:%:outbound' GROUP BY key
       )
       SELECT count(*) AS n FROM real FULL JOIN kept USING (key) WHERE coalesce(real.n, 0) <> coalesce(kept.n, 0)`,
    );
    return {
      found,
      lost: acknowledged.length - found,
      withoutRawRow: withoutRawRow + ackedWithoutRaw,
      halfApplied: danglingLast + staleLast + counterDrift,
      details: { missing, ackedWithoutRaw, withoutRawRow, danglingLast, staleLast, counterDrift },
    };
  } finally {
    await client.end();
  }
}
