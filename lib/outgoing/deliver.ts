import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { claimDeliveries, recordDelivered, recordDeliveredBatch, recordFailed, type Claimed } from "./delivery-queue";
import { postToTarget } from "./post-target";
import { signedHeaders } from "./sign";
import { slackBody } from "./slack-message";

// One pass over the outgoing queue: claim what is due, send it, record the outcome. Webhook
// rows go out one POST each (many conversations in parallel; the claim keeps each
// conversation's order); Slack rows are grouped into one post per endpoint, after which the
// endpoint waits SLACK_WINDOW_MS before its next post.

export const LEASE_MS = 60_000;
export const SLACK_WINDOW_MS = 10_000;

/** The versioned body of an event, as delivered and as the OpenAPI document describes it. */
export function eventBody(c: Pick<Claimed, "eventType" | "createdAt" | "data">): string {
  return JSON.stringify({ type: c.eventType, version: 1, timestamp: c.createdAt.toISOString(), data: c.data });
}

/** webhook-id: the same for every try of a delivery, so receivers can drop repeats. */
export const webhookId = (id: bigint) => `evt_${id}`;

/** Posts every claimed row (each a different conversation's next event), then records the successes in one statement. */
async function deliverWebhooks(db: Db, rows: Claimed[]): Promise<number> {
  const results = await Promise.all(
    rows.map(async (c) => {
      const body = eventBody(c);
      const headers = c.secret ? signedHeaders(c.secret, webhookId(c.id), Math.floor(Date.now() / 1000), body) : {};
      return { claim: c, result: await postToTarget(c.url, body, headers) };
    }),
  );
  for (const { claim, result } of results) {
    if (!result.ok) await recordFailed(db, claim, result.status, result.error ?? "failed");
  }
  return recordDeliveredBatch(
    db,
    results.filter((r) => r.result.ok).map((r) => ({ claim: r.claim, status: r.result.status! })),
  );
}

async function deliverSlackBatch(db: Db, rows: Claimed[]): Promise<number> {
  const first = rows[0]!;
  const result = await postToTarget(first.url, slackBody(rows, env().PUBLIC_URL ?? null), {});
  await db.webhookEndpoint.update({
    where: { id: first.endpointId },
    data: { nextPostAt: new Date(Date.now() + SLACK_WINDOW_MS) },
  });
  let delivered = 0;
  for (const c of rows) {
    if (result.ok) delivered += Number(await recordDelivered(db, c, result.status!));
    else await recordFailed(db, c, result.status, result.error ?? "failed");
  }
  return delivered;
}

export type DrainResult = { claimed: number; delivered: number };

/**
 * Delivers until nothing is due or the deadline passes. `giveWay`, checked after each batch,
 * ends the pass early (the caller's next pass picks up the rest): the long-running worker
 * passes "webhook ingest is saturated", so a burst from Sendblue is not slowed by deliveries.
 */
export async function drainOutgoing(
  db: Db,
  options: { batch?: number; deadline?: number; endpointIds?: number[]; giveWay?: () => boolean } = {},
): Promise<DrainResult> {
  const batch = options.batch ?? 50;
  const result: DrainResult = { claimed: 0, delivered: 0 };
  while (!options.deadline || Date.now() < options.deadline) {
    if (result.claimed > 0 && options.giveWay?.()) break;
    const rows = await claimDeliveries(db, {
      limit: batch,
      leaseMs: LEASE_MS,
      kind: "webhook",
      endpointIds: options.endpointIds,
    });
    const slack = await claimDeliveries(db, {
      limit: 200,
      leaseMs: LEASE_MS,
      kind: "slack",
      endpointIds: options.endpointIds,
    });
    if (!rows.length && !slack.length) break;
    result.claimed += rows.length + slack.length;
    const byEndpoint = new Map<number, Claimed[]>();
    for (const c of slack) byEndpoint.set(c.endpointId, [...(byEndpoint.get(c.endpointId) ?? []), c]);
    const outcomes = await Promise.all([
      deliverWebhooks(db, rows),
      ...[...byEndpoint.values()].map((group) => deliverSlackBatch(db, group)),
    ]);
    result.delivered += outcomes.reduce((a, b) => a + b, 0);
  }
  return result;
}
