import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, messagesInScope } from "./insights-scope";
import { rollupAnswers, rollupInScope } from "./message-rollup";

// What became of the outbound messages sent in the range, by each one's current status
// (lib/messages/status-rank.ts): delivered (DELIVERED or READ), sent with no delivery
// receipt (SENT), failed (DECLINED/ERROR/FAILED, or any error code but 0, whatever the
// status says), or not sent yet (queued, or a status Sendblue has not explained). Plus how
// many went out as SMS after iMessage failed (was_downgraded). These definitions are also
// inbox_message_rollup_entry's (migration 20261206100000_message_rollup), which keeps
// message_rollup: a change here changes it there, with a migration that rebuilds the rollup.

export type DeliveryOutcomes = {
  outbound: number;
  delivered: number;
  sentOnly: number;
  failed: number;
  pending: number;
  downgraded: number;
  /** downgraded ÷ outbound; null with nothing sent. */
  downgradedShare: number | null;
};

/** A failed outbound message: a failure status, or an error code other than 0. */
export const FAILED = Prisma.sql`(m.status_rank = 5 OR coalesce(m.error_code, '') NOT IN ('', '0'))`;

type Counts = Omit<DeliveryOutcomes, "downgradedShare">;

export async function deliveryOutcomes(db: Db, scope: InsightsScope): Promise<DeliveryOutcomes> {
  return (await rollupAnswers(db, scope))
    ? deliveryOutcomesFromRollup(db, scope)
    : deliveryOutcomesFromMessages(db, scope);
}

/** The exact definition, over the messages themselves. */
export async function deliveryOutcomesFromMessages(db: Db, scope: InsightsScope): Promise<DeliveryOutcomes> {
  const [r] = await insightsSql<Counts>(
    db,
    Prisma.sql`
    SELECT count(*)::int AS outbound,
           count(*) FILTER (WHERE failed)::int AS failed,
           count(*) FILTER (WHERE NOT failed AND status_rank >= 3)::int AS delivered,
           count(*) FILTER (WHERE NOT failed AND status_rank = 2)::int AS "sentOnly",
           count(*) FILTER (WHERE NOT failed AND status_rank < 2)::int AS pending,
           count(*) FILTER (WHERE was_downgraded)::int AS downgraded
    FROM (SELECT m.status_rank, m.was_downgraded, ${FAILED} AS failed
          FROM ${messagesInScope(scope)} AND m.direction = 'outbound') t`,
  );
  return withShare(r!);
}

/** From message_rollup: right only once its backfill is done, and for a range rollupAnswers accepts. */
export async function deliveryOutcomesFromRollup(db: Db, scope: InsightsScope): Promise<DeliveryOutcomes> {
  const [r] = await insightsSql<Counts>(
    db,
    Prisma.sql`
    SELECT coalesce(sum(r.delivered + r.sent_only + r.failed + r.pending), 0)::int AS outbound,
           coalesce(sum(r.failed), 0)::int AS failed,
           coalesce(sum(r.delivered), 0)::int AS delivered,
           coalesce(sum(r.sent_only), 0)::int AS "sentOnly",
           coalesce(sum(r.pending), 0)::int AS pending,
           coalesce(sum(r.downgraded), 0)::int AS downgraded
    FROM ${rollupInScope(scope)}`,
  );
  return withShare(r!);
}

const withShare = (r: Counts): DeliveryOutcomes => ({
  ...r,
  downgradedShare: r.outbound ? r.downgraded / r.outbound : null,
});
