import type { Db } from "@/lib/db/client";
import {
  claimPushJobs,
  dropStalePushJobs,
  finishPushJob,
  MAX_PUSH_ATTEMPTS,
  retryPushJob,
  type PushJob,
} from "./push-queue";
import { sendPush, PUSH_TTL_SECONDS } from "./push-send";
import { recordPushFailure, recordPushSuccess, removeGoneSubscriptions } from "./push-subscriptions";
import { planPush } from "./push-targets";
import { vapidConfig, type VapidConfig } from "./vapid";

// One pass over the push queue, run by the outgoing worker beside the webhooks (and by the
// integrations sweep on Vercel): claim what is due, send each notice to the subscriptions
// that want it, record what the push services said.

export const PUSH_LEASE_MS = 60_000;

// The worker passes every second; stale rows are looked for once a minute.
const STALE_SWEEP_EVERY_MS = 60_000;
let lastStaleSweep = 0;

export type PushDrainResult = { claimed: number; sent: number };

async function deliverJob(db: Db, job: PushJob, vapid: VapidConfig): Promise<number> {
  const plan = await planPush(db, job);
  if (!plan?.subscribers.length) {
    await finishPushJob(db, job);
    return 0;
  }
  const outcomes = await Promise.all(
    plan.subscribers.map(async (s) => ({ s, outcome: await sendPush(s, plan.content, vapid) })),
  );
  const sent = outcomes.filter((o) => o.outcome.ok).map((o) => o.s.id);
  const retry: number[] = [];
  const gone: number[] = [];
  for (const { s, outcome } of outcomes) {
    if (outcome.ok) continue;
    if (outcome.gone) gone.push(s.id);
    else {
      await recordPushFailure(db, s.id, outcome.error);
      if (outcome.retry) retry.push(s.id);
    }
  }
  await recordPushSuccess(db, sent);
  await removeGoneSubscriptions(db, gone);
  if (retry.length && job.attempts < MAX_PUSH_ATTEMPTS) await retryPushJob(db, job, retry);
  else await finishPushJob(db, job);
  return sent.length;
}

/**
 * Sends until nothing is due or the deadline passes; `giveWay` ends the pass early, as for
 * outgoing webhooks. With no VAPID key configured the queue is only kept from growing.
 */
export async function drainPush(
  db: Db,
  options: { batch?: number; deadline?: number; conversationIds?: number[]; giveWay?: () => boolean } = {},
): Promise<PushDrainResult> {
  const result: PushDrainResult = { claimed: 0, sent: 0 };
  if (Date.now() - lastStaleSweep > STALE_SWEEP_EVERY_MS) {
    lastStaleSweep = Date.now();
    await dropStalePushJobs(db, PUSH_TTL_SECONDS * 1000);
  }
  const vapid = vapidConfig();
  if (!vapid) return result;
  while (!options.deadline || Date.now() < options.deadline) {
    if (result.claimed > 0 && options.giveWay?.()) break;
    const jobs = await claimPushJobs(db, {
      limit: options.batch ?? 20,
      leaseMs: PUSH_LEASE_MS,
      conversationIds: options.conversationIds,
    });
    if (!jobs.length) break;
    result.claimed += jobs.length;
    const sent = await Promise.all(jobs.map((job) => deliverJob(db, job, vapid)));
    result.sent += sent.reduce((a, b) => a + b, 0);
  }
  return result;
}
