import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, messagesInScope } from "./insights-scope";

// What became of the outbound messages sent in the range, by each one's current status
// (lib/messages/status-rank.ts): delivered (DELIVERED or READ), sent with no delivery
// receipt (SENT), failed (DECLINED/ERROR/FAILED, or any error code but 0, whatever the
// status says), or not sent yet (queued, or a status Sendblue has not explained). Plus how
// many went out as SMS after iMessage failed (was_downgraded).

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

export async function deliveryOutcomes(db: Db, scope: InsightsScope): Promise<DeliveryOutcomes> {
  const [r] = await insightsSql<Omit<DeliveryOutcomes, "downgradedShare">>(
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
  return { ...r!, downgradedShare: r!.outbound ? r!.downgraded / r!.outbound : null };
}
