import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";

// The queue is the webhook_deliveries table (rows inserted by triggers, see the migration
// 20261202150000_outgoing_webhooks). Like the media mirror: a claim moves due rows to
// 'delivering' under a lease id and pushes next_attempt_at to the lease's end, so a row whose
// worker died becomes due again; every later write is guarded by the lease.
//
// Order per conversation: a row is claimed only when no older row of the same endpoint and
// conversation is still pending or delivering, so event N+1 never overtakes event N (nor
// goes out while N is between retries). Other conversations are not held up.

export type Claimed = {
  id: bigint;
  endpointId: number;
  kind: string;
  url: string;
  secret: string | null;
  eventType: string;
  conversationId: number | null;
  data: unknown;
  attempts: number;
  createdAt: Date;
  leaseId: string;
};

/** Retries for about a day, then the delivery is `failed`. */
export const RETRY_FOR_MS = 24 * 3600_000;

/** Delay before try number `attempts + 1`: 10 s, 20 s, 40 s, … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

export async function claimDeliveries(
  db: Db,
  options: { limit: number; leaseMs: number; kind: "webhook" | "slack"; endpointIds?: number[] },
): Promise<Claimed[]> {
  const leaseId = randomUUID();
  // Slack notices are batched per endpoint, not sent one by one: no per-conversation order.
  const unordered = options.kind === "slack";
  const ids = options.endpointIds ?? null;
  const rows = await db.$queryRaw<Omit<Claimed, "leaseId">[]>`
    UPDATE "webhook_deliveries" AS d
    SET "state" = 'delivering', "lease_id" = ${leaseId}, "attempts" = d."attempts" + 1,
        "next_attempt_at" = now() + ${options.leaseMs}::int * interval '1 millisecond', "updated_at" = now()
    FROM (
      SELECT q."id" FROM "webhook_deliveries" q
      JOIN "webhook_endpoints" e ON e."id" = q."endpoint_id"
      WHERE q."state" IN ('pending', 'delivering') AND q."next_attempt_at" <= now()
        AND e."enabled" AND e."kind" = ${options.kind} AND e."next_post_at" <= now()
        AND (${ids}::int[] IS NULL OR e."id" = ANY(${ids}::int[]))
        AND (${unordered} OR NOT EXISTS (
          SELECT 1 FROM "webhook_deliveries" p
          WHERE p."endpoint_id" = q."endpoint_id" AND p."conversation_id" = q."conversation_id"
            AND p."id" < q."id" AND p."state" IN ('pending', 'delivering')))
      ORDER BY q."id"
      LIMIT ${options.limit}
      FOR UPDATE OF q SKIP LOCKED
    ) AS due, "webhook_endpoints" AS e
    WHERE d."id" = due."id" AND e."id" = d."endpoint_id"
    RETURNING d."id", d."endpoint_id" AS "endpointId", e."kind", e."url", e."secret", d."event_type" AS "eventType",
      d."conversation_id" AS "conversationId", d."data", d."attempts", d."created_at" AS "createdAt"`;
  return rows.map((r) => ({ ...r, leaseId })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

const held = (c: Claimed) => ({ id: c.id, state: "delivering", leaseId: c.leaseId });

/** Delivered: the row is done and the endpoint is healthy again. Null when the lease was lost. */
export async function recordDelivered(db: Db, c: Claimed, status: number): Promise<boolean> {
  const now = new Date();
  const { count } = await db.webhookDelivery.updateMany({
    where: held(c),
    data: { state: "delivered", leaseId: null, lastStatus: status, lastError: null, deliveredAt: now, updatedAt: now },
  });
  if (count === 1)
    await db.webhookEndpoint.updateMany({
      where: { id: c.endpointId, failingSince: { not: null } },
      data: { failingSince: null },
    });
  return count === 1;
}

/** Many deliveries at once (one statement per batch, not per event); returns how many were still held. */
export async function recordDeliveredBatch(db: Db, done: { claim: Claimed; status: number }[]): Promise<number> {
  if (!done.length) return 0;
  const ids = done.map((d) => d.claim.id);
  const leases = done.map((d) => d.claim.leaseId);
  const statuses = done.map((d) => d.status);
  const count = await db.$executeRaw`
    UPDATE "webhook_deliveries" AS d
    SET "state" = 'delivered', "lease_id" = NULL, "last_status" = x.status, "last_error" = NULL,
        "delivered_at" = now(), "updated_at" = now()
    FROM unnest(${ids}::bigint[], ${leases}::text[], ${statuses}::int[]) AS x(id, lease, status)
    WHERE d."id" = x.id AND d."state" = 'delivering' AND d."lease_id" = x.lease`;
  const endpoints = [...new Set(done.map((d) => d.claim.endpointId))];
  await db.webhookEndpoint.updateMany({
    where: { id: { in: endpoints }, failingSince: { not: null } },
    data: { failingSince: null },
  });
  return count;
}

/**
 * A failed try: due again after the backoff, or `failed` once it has been retried for a day.
 * An endpoint that has failed every delivery for a day is disabled, with the reason shown.
 */
export async function recordFailed(
  db: Db,
  c: Claimed,
  status: number | null,
  error: string,
): Promise<"pending" | "failed" | null> {
  const now = Date.now();
  const giveUp = now - c.createdAt.getTime() >= RETRY_FOR_MS;
  const state = giveUp ? "failed" : "pending";
  const { count } = await db.webhookDelivery.updateMany({
    where: held(c),
    data: {
      state,
      leaseId: null,
      lastStatus: status,
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(now + (giveUp ? 0 : backoffMs(c.attempts))),
      updatedAt: new Date(now),
    },
  });
  if (count !== 1) return null;
  await db.$executeRaw`
    UPDATE "webhook_endpoints" SET
      "failing_since" = coalesce("failing_since", now()),
      "enabled" = CASE WHEN "failing_since" < now() - ${RETRY_FOR_MS}::int * interval '1 millisecond' THEN false ELSE "enabled" END,
      "disabled_reason" = CASE WHEN "failing_since" < now() - ${RETRY_FOR_MS}::int * interval '1 millisecond'
        THEN 'Disabled after failing for a day: ' || ${error.slice(0, 200)} ELSE "disabled_reason" END,
      "updated_at" = now()
    WHERE "id" = ${c.endpointId}`;
  return state;
}

/** Resend: the same event (same webhook-id, so receivers can de-duplicate) goes out again, due now. */
export async function resendDelivery(db: Db, endpointId: number, id: bigint): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, endpointId, state: { in: ["delivered", "failed"] } },
    data: { state: "pending", attempts: 0, nextAttemptAt: new Date(), leaseId: null, updatedAt: new Date() },
  });
  return count === 1;
}
