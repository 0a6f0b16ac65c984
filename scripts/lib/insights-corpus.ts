// What bench:insights adds to the seeded corpus (corpus-load.ts with `insights: true`) so
// its charts have something to count: outbound messages end in the statuses a real account
// sees (mostly delivered, some sent only, queued, failed with Sendblue's codes, SMS
// fallbacks), contacts are created when their conversation starts and a few opt out, and
// one message in 50 has a call beside it. Drawn from a random stream of its own, so the
// messages, words and conversations are the same as without it.
import type pg from "pg";
import type { Log } from "./corpus-load";

const FAILURES = [
  ["10001", "Failed to send message"],
  ["10001", "Failed to send message"],
  ["4002", "This number is blacklisted"],
  ["5000", "Internal server error"],
] as const;

/** status, status_rank, error_code, error_message, was_downgraded of one outbound message. */
export function outboundOutcome(random: () => number): [string, number, string | null, string | null, string | null] {
  const r = random();
  if (r < 0.04) {
    const [code, message] = FAILURES[Math.floor(random() * FAILURES.length)]!;
    return ["ERROR", 5, code, message, null];
  }
  if (r < 0.1) return ["SENT", 2, null, null, random() < 0.5 ? "true" : null];
  if (r < 0.12) return ["QUEUED", 1, null, null, null];
  if (r < 0.2) return ["READ", 4, null, null, null];
  return ["DELIVERED", 3, null, null, random() < 0.03 ? "true" : null];
}

export async function fillInsightsModel(client: pg.Client, log: Log) {
  const t = performance.now();
  // Contacts as ingestion creates them: when their conversation's first message arrived.
  await client.query(`
    UPDATE contacts k SET created_at = f.first_at
    FROM (SELECT c.contact_number, min(m.sent_at) AS first_at
          FROM conversations c JOIN messages m ON m.conversation_id = c.id
          WHERE c.contact_number IS NOT NULL GROUP BY 1) f
    WHERE f.contact_number = k.number`);
  // 2% opt out, some time after they first wrote.
  await client.query(`
    UPDATE contacts SET opted_out = true, opted_out_at = created_at + (now() - created_at) * ((id * 7919 % 1000) / 1000.0)
    WHERE id % 50 = 7`);
  await client.query(`
    INSERT INTO call_logs (conversation_id, line_number, contact_number, direction, disposition, duration_seconds, started_at)
    SELECT m.conversation_id, l.number, c.contact_number, m.direction::text,
           (ARRAY['connected', 'connected', 'not_answered', 'voicemail', 'busy'])[1 + m.id % 5],
           (m.id * 37) % 600, m.sent_at
    FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN lines l ON l.id = c.line_id
    WHERE m.id % 50 = 3`);
  log(`contacts' first-seen times, opt-outs and calls in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
