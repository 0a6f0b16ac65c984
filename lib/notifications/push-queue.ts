import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";

// The push queue is the push_queue table, filled by triggers on messages and note_mentions
// (migration 20261204130000_notifications) in the transaction that stored them. Claimed like
// outgoing webhooks: a claim leases due rows (next_attempt_at pushed to the lease's end, so a
// row whose worker died is due again) and every later write is guarded by the lease. A row
// is deleted once sent; one that partly failed keeps only the subscriptions to retry.

export type PushJob = {
  id: bigint;
  kind: string;
  messageId: number | null;
  mentionId: number | null;
  conversationId: number;
  onlySubscriptionIds: number[];
  attempts: number;
  leaseId: string;
};

/** Tries per push before it is given up (with the backoff: within about a minute). */
export const MAX_PUSH_ATTEMPTS = 4;

/** Delay before try number `attempts + 1`: 5 s, 10 s, 20 s. */
export const pushBackoffMs = (attempts: number) => 5_000 * 2 ** Math.max(0, attempts - 1);

export async function claimPushJobs(
  db: Db,
  options: { limit: number; leaseMs: number; conversationIds?: number[] },
): Promise<PushJob[]> {
  const leaseId = randomUUID();
  const only = options.conversationIds ?? null;
  const rows = await db.$queryRaw<Omit<PushJob, "leaseId">[]>`
    UPDATE "push_queue" AS q
    SET "lease_id" = ${leaseId}, "attempts" = q."attempts" + 1,
        "next_attempt_at" = now() + ${options.leaseMs}::int * interval '1 millisecond'
    FROM (
      SELECT "id" FROM "push_queue"
      WHERE "next_attempt_at" <= now() AND (${only}::int[] IS NULL OR "conversation_id" = ANY(${only}::int[]))
      ORDER BY "id"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE q."id" = due."id"
    RETURNING q."id", q."kind", q."message_id" AS "messageId", q."mention_id" AS "mentionId",
      q."conversation_id" AS "conversationId", coalesce(q."only_subscription_ids", '{}') AS "onlySubscriptionIds", q."attempts"`;
  return rows.map((r) => ({ ...r, leaseId })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Sent (or nobody wanted it): the row goes. False when the lease was lost. */
export async function finishPushJob(db: Db, job: PushJob): Promise<boolean> {
  const { count } = await db.pushQueue.deleteMany({ where: { id: job.id, leaseId: job.leaseId } });
  return count === 1;
}

/** Some subscriptions failed for now: only they get the next try, after the backoff. */
export async function retryPushJob(db: Db, job: PushJob, subscriptionIds: number[]): Promise<boolean> {
  const { count } = await db.pushQueue.updateMany({
    where: { id: job.id, leaseId: job.leaseId },
    data: {
      onlySubscriptionIds: subscriptionIds,
      leaseId: null,
      nextAttemptAt: new Date(Date.now() + pushBackoffMs(job.attempts)),
    },
  });
  return count === 1;
}

/**
 * Rows older than `maxAgeMs` are dropped unsent: a notice about an hour-old message is noise,
 * and a host whose worker never runs (no cron on Vercel) must not grow the table forever.
 */
export async function dropStalePushJobs(db: Db, maxAgeMs: number): Promise<number> {
  const { count } = await db.pushQueue.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - maxAgeMs) } } });
  return count;
}
