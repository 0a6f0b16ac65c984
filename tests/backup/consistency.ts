import type { Db } from "@/lib/db/client";

// What a restored database must satisfy whatever was being written when the backup was
// taken: no row without its parent (a restore loads with foreign-key checks off), the
// counters (kept attachment bytes per day among them) and message_rollup's hours equal to a count of the rows (their triggers are off
// during the load: the archive carries them), every conversation's last message its own, and every
// message webhook half: the raw row and the message exist together or not at all.

const CHECKS: [string, string][] = [
  [
    "messages without their conversation",
    `SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id)`,
  ],
  [
    "reactions without their message",
    `SELECT count(*) FROM reactions r WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id)`,
  ],
  [
    "attachments without their message",
    `SELECT count(*) FROM media_attachments a WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = a.message_id)`,
  ],
  [
    "status events without their message",
    `SELECT count(*) FROM message_status_events s WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = s.message_id)`,
  ],
  [
    "conversations whose last message is missing or another conversation's",
    `SELECT count(*) FROM conversations c WHERE c.last_message_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = c.last_message_id AND m.conversation_id = c.id)`,
  ],
  [
    "conversations with messages but no last message",
    `SELECT count(*) FROM conversations c WHERE c.last_message_id IS NULL AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)`,
  ],
  [
    "processed message webhooks without their message or tapback",
    `SELECT count(*) FROM webhook_events e WHERE e.outcome = 'processed' AND e.type IN ('receive', 'outbound', 'status')
        AND e.message_handle IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.handle = e.message_handle)
        AND NOT EXISTS (SELECT 1 FROM reactions r WHERE r.handle = e.message_handle)`,
  ],
  [
    "webhook messages without their raw webhook row",
    `SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.message_handle = m.handle)`,
  ],
  [
    "counters that differ from a count of the rows",
    `WITH truth AS (
       SELECT 'line:' || c.line_id || ':' || m.direction::text AS key, count(*) AS n
         FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.line_id IS NOT NULL GROUP BY 1
       UNION ALL SELECT 'line:' || line_id || ':conversations', count(*) FROM conversations WHERE line_id IS NOT NULL GROUP BY 1
       UNION ALL SELECT 'media:' || mirror_state::text, count(*) FROM media_attachments GROUP BY 1
       UNION ALL SELECT inbox_kept_bytes_key(kept_at), sum(byte_size) FROM media_attachments
         WHERE mirror_state = 'kept' AND kept_at IS NOT NULL AND byte_size IS NOT NULL GROUP BY 1
     ), kept AS (
       SELECT key, sum(value) AS n FROM (SELECT key, value FROM counters UNION ALL SELECT key, delta FROM counter_deltas) t
        WHERE key LIKE 'line:%' OR key LIKE 'media:%' GROUP BY key
     )
     SELECT count(*) FROM truth t FULL JOIN kept k USING (key) WHERE coalesce(t.n, 0) <> coalesce(k.n, 0)`,
  ],
  [
    // The archive carries message_rollup too (its triggers are off during the load); its
    // backfill is done in a test database, so every hour must hold its messages.
    "hours of message_rollup that differ from a count of the messages",
    `WITH truth AS (
       SELECT date_bin('1 hour', m.sent_at, timestamptz 'epoch') AS hour, coalesce(c.line_id, 0) AS line_id,
              count(*) FILTER (WHERE m.direction = 'inbound') AS inbound, count(*) FILTER (WHERE m.direction = 'outbound') AS outbound
         FROM messages m JOIN conversations c ON c.id = m.conversation_id GROUP BY 1, 2
     ), kept AS (
       SELECT hour, line_id, sum(inbound_imessage + inbound_sms + inbound_rcs + inbound_other) AS inbound,
              sum(outbound_imessage + outbound_sms + outbound_rcs + outbound_other) AS outbound
         FROM (SELECT hour, line_id, inbound_imessage, inbound_sms, inbound_rcs, inbound_other, outbound_imessage,
                      outbound_sms, outbound_rcs, outbound_other FROM message_rollup
               UNION ALL SELECT hour, line_id, inbound_imessage, inbound_sms, inbound_rcs, inbound_other, outbound_imessage,
                      outbound_sms, outbound_rcs, outbound_other FROM message_rollup_deltas) r
        GROUP BY 1, 2
     )
     SELECT count(*) FROM truth t FULL JOIN kept k USING (hour, line_id)
      WHERE coalesce(t.inbound, 0) <> coalesce(k.inbound, 0) OR coalesce(t.outbound, 0) <> coalesce(k.outbound, 0)`,
  ],
];

/** Each failed check with its count; empty when the database is consistent. */
export async function consistencyProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const [what, sql] of CHECKS) {
    const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(sql);
    if (Number(row!.count) > 0) problems.push(`${row!.count} ${what}`);
  }
  return problems;
}
