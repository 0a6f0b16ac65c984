import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import type { MediaStorage } from "@/lib/media/storage";
import { pruneKeptMedia, type MediaPruneResult } from "./prune-kept-media";
import { pruneOutgoingLog, type OutgoingPruneResult } from "./prune-outgoing-log";
import { pruneWebhookBodies, type PruneResult } from "./prune-webhook-bodies";

// One retention pass with the configured limits (nothing when neither is set). Run hourly by
// every long-running server (the work is guarded in the database, so servers share it), and by
// the media sweep cron on Vercel with a bound on batches to answer in time.

export type RetentionResult = {
  webhookBodies: PruneResult | null;
  media: MediaPruneResult | null;
  outgoingLog: OutgoingPruneResult | null;
};

export async function runRetention(
  deps: { db: Db; pool: pg.Pool; storage: () => MediaStorage },
  options: { maxBatches?: number; now?: Date } = {},
): Promise<RetentionResult> {
  const { WEBHOOK_LOG_DAYS, MEDIA_KEEP_DAYS, OUTGOING_LOG_DAYS } = env();
  const webhookBodies = WEBHOOK_LOG_DAYS
    ? await pruneWebhookBodies(deps.pool, {
        olderThanDays: WEBHOOK_LOG_DAYS,
        now: options.now,
        maxBatches: options.maxBatches,
      })
    : null;
  const media = MEDIA_KEEP_DAYS
    ? await pruneKeptMedia(deps.db, deps.storage(), { olderThanDays: MEDIA_KEEP_DAYS, now: options.now })
    : null;
  const outgoingLog = OUTGOING_LOG_DAYS
    ? await pruneOutgoingLog(deps.db, {
        olderThanDays: OUTGOING_LOG_DAYS,
        now: options.now,
        maxBatches: options.maxBatches,
      })
    : null;
  if (webhookBodies?.pruned || media?.removed || outgoingLog?.removed) {
    log("info", "retention removed old data", {
      webhookBodies: webhookBodies?.pruned ?? 0,
      webhookBytes: webhookBodies?.freedBytes ?? 0,
      attachments: media?.removed ?? 0,
      attachmentBytes: media?.freedBytes ?? 0,
      outgoingDeliveries: outgoingLog?.removed ?? 0,
    });
  }
  return { webhookBodies, media, outgoingLog };
}

const HOUR_MS = 3_600_000;
const globalForRetention = globalThis as unknown as { inboxRetention?: NodeJS.Timeout };

/** On a long-running server: a pass a minute after start, then hourly. */
export function startRetention(deps: { db: Db; pool: pg.Pool; storage: () => MediaStorage }): void {
  const { WEBHOOK_LOG_DAYS, MEDIA_KEEP_DAYS, OUTGOING_LOG_DAYS } = env();
  if (globalForRetention.inboxRetention || (!WEBHOOK_LOG_DAYS && !MEDIA_KEEP_DAYS && !OUTGOING_LOG_DAYS)) return;
  const pass = async () => {
    try {
      await runRetention(deps);
    } catch (error) {
      log("warn", "retention pass failed; next in an hour", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    globalForRetention.inboxRetention = setTimeout(pass, HOUR_MS).unref();
  };
  globalForRetention.inboxRetention = setTimeout(pass, 60_000).unref();
}
