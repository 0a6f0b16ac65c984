import type { Db } from "@/lib/db/client";
import { pollingLoop, type PollingLoop } from "@/lib/db/polling-loop";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { mirrorAttachment, type MirrorDeps, type MirrorOutcome } from "./mirror-attachment";
import { claimDue } from "./queue";

// Runs the mirror queue: one batch (a Vercel after() kick or cron sweep), until empty (the
// backfill), or forever in the background of a long-running server (`npm start`,
// `npm run worker`). Several of these may run at once; SKIP LOCKED keeps them apart.

export type BatchResult = { claimed: number } & Record<MirrorOutcome, number>;

export type BatchOptions = MirrorDeps & { limit?: number; concurrency?: number; leaseMs?: number; ids?: number[] };

/** Long enough for the slowest allowed download plus inspection; then the row is due again. */
export function defaultLeaseMs(): number {
  return env().MEDIA_FETCH_TIMEOUT_MS * 2 + 60_000;
}

export async function runMediaBatch(db: Db, options: BatchOptions = {}): Promise<BatchResult> {
  const claims = await claimDue(db, {
    limit: options.limit ?? 8,
    leaseMs: options.leaseMs ?? defaultLeaseMs(),
    ids: options.ids,
  });
  const result: BatchResult = { claimed: claims.length, kept: 0, pending: 0, failed: 0, expired: 0, "lease-lost": 0 };
  const queue = [...claims];
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 2, queue.length) }, async () => {
    for (let claim = queue.shift(); claim; claim = queue.shift()) {
      result[await mirrorAttachment(db, claim, options)] += 1;
    }
  });
  await Promise.all(lanes);
  return result;
}

/** Batches until nothing is due (items waiting out a backoff are not due). */
export async function drainMediaQueue(
  db: Db,
  options: BatchOptions & { onBatch?: (r: BatchResult) => void; deadline?: number } = {},
): Promise<BatchResult> {
  const total: BatchResult = { claimed: 0, kept: 0, pending: 0, failed: 0, expired: 0, "lease-lost": 0 };
  while (options.deadline === undefined || Date.now() < options.deadline) {
    const r = await runMediaBatch(db, options);
    if (r.claimed === 0) break;
    for (const k of Object.keys(total) as (keyof BatchResult)[]) total[k] += r[k];
    options.onBatch?.(r);
  }
  return total;
}

type BackgroundWorker = PollingLoop;

const globalForWorker = globalThis as unknown as { inboxMediaWorker?: BackgroundWorker };

export function backgroundWorker(): BackgroundWorker | undefined {
  return globalForWorker.inboxMediaWorker;
}

/** Polls every few seconds and wakes at once when a webhook brings media. Idempotent. */
export function startMediaWorker(db: Db, options: { pollMs?: number } = {}): BackgroundWorker {
  if (globalForWorker.inboxMediaWorker) return globalForWorker.inboxMediaWorker;
  const loop = pollingLoop(
    "media worker",
    async () => {
      const r = await drainMediaQueue(db);
      if (r.claimed) log("info", "media mirrored", { ...r });
    },
    options.pollMs ?? 5_000,
  );
  const worker: BackgroundWorker = {
    wake: loop.wake,
    stop: async () => {
      await loop.stop();
      globalForWorker.inboxMediaWorker = undefined;
    },
  };
  globalForWorker.inboxMediaWorker = worker;
  return worker;
}

/** Whether this process should run the background worker (not on Vercel's short-lived functions). */
export function shouldRunBackgroundWorker(): boolean {
  const { MEDIA_WORKER, VERCEL } = env();
  return MEDIA_WORKER === "on" || (MEDIA_WORKER === "auto" && !VERCEL);
}
