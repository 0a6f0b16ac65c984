import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";

// The mirror queue is the media_attachments table itself. A claim moves due rows to
// 'copying' under a lease id and pushes next_attempt_at to the end of the lease, so a row
// whose worker died (restart, crash, timeout on Vercel) simply becomes due again. Every
// later write is guarded by that lease: a worker that lost its lease changes nothing.

export type Claim = {
  id: number;
  sourceUrl: string;
  attempts: number;
  messageId: number;
  conversationId: number;
  /** When its message was sent: Sendblue's links die 30 days later. */
  sentAt: Date | null;
  leaseId: string;
};

/** The one place the queue needs raw SQL: FOR UPDATE SKIP LOCKED lets workers claim in parallel. */
export async function claimDue(db: Db, options: { limit: number; leaseMs: number; ids?: number[] }): Promise<Claim[]> {
  // `ids` narrows a claim to given attachments (one message's, or a test's own rows).
  const ids = options.ids ?? null;
  const leaseId = randomUUID();
  const rows = await db.$queryRaw<Omit<Claim, "leaseId">[]>`
    UPDATE "media_attachments" AS m
    SET "mirror_state" = 'copying',
        "lease_id" = ${leaseId},
        "attempts" = m."attempts" + 1,
        "next_attempt_at" = now() + ${options.leaseMs}::int * interval '1 millisecond',
        "updated_at" = now()
    FROM (
      SELECT "id" FROM "media_attachments"
      WHERE "mirror_state" IN ('pending', 'copying') AND "next_attempt_at" <= now()
        AND (${ids}::int[] IS NULL OR "id" = ANY(${ids}::int[]))
      ORDER BY "next_attempt_at", "id"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE m."id" = due."id"
    RETURNING m."id", m."source_url" AS "sourceUrl", m."attempts", m."message_id" AS "messageId",
      (SELECT "conversation_id" FROM "messages" WHERE "id" = m."message_id") AS "conversationId",
      (SELECT "sent_at" FROM "messages" WHERE "id" = m."message_id") AS "sentAt"`;
  return rows.map((r) => ({ ...r, leaseId }));
}

/** Guard for every write a worker makes about a claimed row. */
export function heldBy(claim: Claim) {
  return { id: claim.id, mirrorState: "copying" as const, leaseId: claim.leaseId };
}

export async function stillHeld(db: Db, claim: Claim): Promise<boolean> {
  return (await db.mediaAttachment.count({ where: { ...heldBy(claim), nextAttemptAt: { gt: new Date() } } })) === 1;
}

/** Delay before try number `attempts + 1`: 30 s, 1 min, 2 min, … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export type FailureKind = "expired" | "permanent" | "transient";

/** Records a failed try. Returns the state the row ended in, or null if the lease was lost. */
export async function recordFailure(
  db: Db,
  claim: Claim,
  kind: FailureKind,
  reason: string,
  maxAttempts: number,
): Promise<"expired" | "failed" | "pending" | null> {
  const state =
    kind === "expired" ? "expired" : kind === "permanent" || claim.attempts >= maxAttempts ? "failed" : "pending";
  const { count } = await db.mediaAttachment.updateMany({
    where: heldBy(claim),
    data: {
      mirrorState: state,
      leaseId: null,
      lastError: reason.slice(0, 500),
      nextAttemptAt: new Date(Date.now() + (state === "pending" ? backoffMs(claim.attempts) : 0)),
      updatedAt: new Date(),
    },
  });
  return count === 1 ? state : null;
}

/** A failed or expired attachment goes back to the queue, due now, with a fresh budget. */
export async function requeue(db: Db, id: number): Promise<boolean> {
  const { count } = await db.mediaAttachment.updateMany({
    where: { id, mirrorState: { in: ["failed", "expired"] } },
    data: { mirrorState: "pending", attempts: 0, nextAttemptAt: new Date(), leaseId: null, updatedAt: new Date() },
  });
  return count === 1;
}

/** For the backfill: everything failed gets a fresh budget and everything pending is due now. */
export async function requeueAll(db: Db): Promise<number> {
  const now = new Date();
  const failed = await db.mediaAttachment.updateMany({
    where: { mirrorState: "failed" },
    data: { mirrorState: "pending", attempts: 0, nextAttemptAt: now, updatedAt: now },
  });
  await db.mediaAttachment.updateMany({
    where: { mirrorState: "pending", nextAttemptAt: { gt: now } },
    data: { nextAttemptAt: now },
  });
  return failed.count;
}

export async function countOutstanding(db: Db): Promise<number> {
  return db.mediaAttachment.count({ where: { mirrorState: { in: ["pending", "copying"] } } });
}
