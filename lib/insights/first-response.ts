import { isTaskDone } from "@/lib/db/background-tasks";
import type { Db } from "@/lib/db/client";
import { taskDoneCached } from "@/lib/db/task-done-cache";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, messagesInScope } from "./insights-scope";

// First-response time: from a customer's message to the first reply in that conversation,
// in wall-clock time (nights and weekends count). A wait starts at an inbound message whose
// previous message in the conversation is outbound, or that breaks a week's silence (or
// opens the conversation): the later messages of a burst wait for the same reply and are not
// counted again. Waits that start in the range count, whenever the reply came (even after
// the range); a wait with no reply yet is counted as unanswered and left out of the median
// and p90. Any outbound message is the reply, a failed one included: the team answered.
//
// One pass over the range's messages and the week before it (only to know what came before
// the first ones), newest first per conversation: the previous message is lead(), the reply
// the earliest later outbound message (a running min over the rows before, which PostgreSQL
// keeps incrementally since the frame's head never moves). The week's bound is what keeps
// this one scan: an unbounded "previous message" would be one index probe per conversation.
// Only a wait still unanswered at the end of the range probes for a reply after it.
//
// That pass is the exact definition, and the fallback: triggers on messages keep each wait
// in response_waits (migration 20261205300000_response_waits) by the same rules, so once the
// upgrade's backfill of older conversations is done the page reads the range's waits there
// instead (an index-only scan of ~30,000 rows for 90 days at 1 M messages).

export const RESPONSE_WAITS_TASK = "response_waits_backfill";

export const QUIET_RESTART_DAYS = 7;

/** Upper bounds (seconds) of the distribution's buckets; the last bucket is open. */
export const RESPONSE_BUCKETS = [
  { label: "Under 1 min", upTo: 60 },
  { label: "1–5 min", upTo: 300 },
  { label: "5–15 min", upTo: 900 },
  { label: "15–60 min", upTo: 3600 },
  { label: "1–4 h", upTo: 4 * 3600 },
  { label: "4–24 h", upTo: 86_400 },
  { label: "Over 1 day", upTo: null },
] as const;

export type FirstResponse = {
  /** Waits that started in the range. */
  waits: number;
  answered: number;
  unanswered: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Answered waits per RESPONSE_BUCKETS entry. */
  buckets: { label: string; count: number }[];
};

type Summary = { waits: number; answered: number; median: number | null; p90: number | null; buckets: number[] };

export async function firstResponse(db: Db, scope: InsightsScope): Promise<FirstResponse> {
  const kept = await taskDoneCached(db, RESPONSE_WAITS_TASK, () => isTaskDone(db, RESPONSE_WAITS_TASK));
  return kept ? firstResponseFromWaits(db, scope) : firstResponseFromMessages(db, scope);
}

/** From response_waits: right only once the backfill is done. */
export async function firstResponseFromWaits(db: Db, scope: InsightsScope): Promise<FirstResponse> {
  const line = scope.lineId
    ? Prisma.sql`JOIN conversations c ON c.id = w.conversation_id AND c.line_id = ${scope.lineId}`
    : Prisma.empty;
  return summarize(
    db,
    Prisma.sql`
    SELECT extract(epoch FROM w.replied_at - w.started_at)::float8 AS seconds
    FROM response_waits w ${line}
    WHERE w.started_at >= ${scope.from} AND w.started_at < ${scope.to}`,
  );
}

/** The exact definition, over the messages themselves. */
export async function firstResponseFromMessages(db: Db, scope: InsightsScope): Promise<FirstResponse> {
  const lookback = { ...scope, from: new Date(scope.from.getTime() - QUIET_RESTART_DAYS * 86_400_000) };
  return summarize(
    db,
    Prisma.sql`
    WITH w AS (
      SELECT m.conversation_id, m.sent_at, m.direction,
             lead(m.direction) OVER d AS previous,
             lead(m.sent_at) OVER d AS previous_at,
             min(m.sent_at) FILTER (WHERE m.direction = 'outbound') OVER d AS reply_at
      FROM ${messagesInScope(lookback)}
      -- lead() ignores the frame: one window, so one WindowAgg pass over the sorted rows.
      WINDOW d AS (PARTITION BY m.conversation_id ORDER BY m.sent_at DESC, m.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT extract(epoch FROM coalesce(w.reply_at, (
             SELECT r.sent_at FROM messages r
             WHERE r.conversation_id = w.conversation_id AND r.sent_at >= ${scope.to} AND r.direction = 'outbound'
             ORDER BY r.sent_at, r.id LIMIT 1)) - w.sent_at)::float8 AS seconds
    FROM w
    WHERE w.direction = 'inbound' AND w.sent_at >= ${scope.from}
      AND (w.previous IS DISTINCT FROM 'inbound' OR w.sent_at - w.previous_at > ${`${QUIET_RESTART_DAYS} days`}::interval)`,
  );
}

/** `waits` selects one row per wait of the range: its seconds, NULL while unanswered. */
async function summarize(db: Db, waits: Prisma.Sql): Promise<FirstResponse> {
  const [r] = await insightsSql<Summary>(
    db,
    Prisma.sql`
    WITH waits AS MATERIALIZED (${waits})
    SELECT count(*)::int AS waits, count(seconds)::int AS answered,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
           ARRAY[${bucketCounts()}] AS buckets
    FROM waits`,
  );
  return {
    waits: r!.waits,
    answered: r!.answered,
    unanswered: r!.waits - r!.answered,
    medianSeconds: r!.median,
    p90Seconds: r!.p90,
    buckets: RESPONSE_BUCKETS.map((b, i) => ({ label: b.label, count: r!.buckets[i]! })),
  };
}

function bucketCounts(): Prisma.Sql {
  let lower = 0;
  return Prisma.join(
    RESPONSE_BUCKETS.map((b) => {
      const sql =
        b.upTo === null
          ? Prisma.sql`count(*) FILTER (WHERE seconds >= ${lower})::int`
          : Prisma.sql`count(*) FILTER (WHERE seconds >= ${lower} AND seconds < ${b.upTo})::int`;
      lower = b.upTo ?? lower;
      return sql;
    }),
  );
}
