import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { backgroundWorker } from "@/lib/media/worker";
import { sleep } from "./rate-limiter";
import { runImport } from "./run-import";
import { runReconcile } from "./reconcile";
import { startEventStream, type StreamStatus } from "./event-stream";
import { leaseOwnerId, type SyncDeps } from "./sync-deps";
import { claimImport, hasRunnableImport } from "./sync-jobs";

// The server's background sync (`npm start`; not on Vercel, where /api/sync/run is the cron):
// runs queued imports, a reconcile pass every SENDBLUE_RECONCILE_MINUTES, and with
// SENDBLUE_EVENTS=stream the event stream. Leases in the database keep several servers from
// running any of them twice.

type SyncWorker = { wake: () => void; stop: () => Promise<void>; stream: () => StreamStatus | null };

const globalForSync = globalThis as unknown as { inboxSyncWorker?: SyncWorker };

export function syncWorker(): SyncWorker | undefined {
  return globalForSync.inboxSyncWorker;
}

export function shouldRunSyncWorker(): boolean {
  const { SENDBLUE_SYNC_WORKER, VERCEL } = env();
  return SENDBLUE_SYNC_WORKER === "on" || (SENDBLUE_SYNC_WORKER === "auto" && !VERCEL);
}

export function startSyncWorker(
  deps: SyncDeps,
  options: { pollMs?: number; reconcileMs?: number; events?: "webhooks" | "stream" } = {},
): SyncWorker {
  if (globalForSync.inboxSyncWorker) return globalForSync.inboxSyncWorker;
  const config = env();
  const owner = leaseOwnerId("server");
  const stopper = new AbortController();
  const pollMs = options.pollMs ?? 3000;
  const reconcileMs = options.reconcileMs ?? config.SENDBLUE_RECONCILE_MINUTES * 60_000;
  const wakeMedia = () => backgroundWorker()?.wake();
  let wakeUp: (() => void) | undefined;
  let reconciling: Promise<unknown> | null = null;
  let again = false;
  // A pass asked for while one runs (the stream reconnected mid-pass) runs once more after
  // it: the running pass may have read the history before the gap began.
  const reconcile = (): Promise<unknown> => {
    if (reconciling) {
      again = true;
      return reconciling;
    }
    reconciling = (async () => {
      do {
        again = false;
        await runReconcile(deps, { owner, onMedia: wakeMedia });
      } while (again && !stopper.signal.aborted);
    })().finally(() => (reconciling = null));
    return reconciling;
  };

  const importLoop = (async () => {
    while (!stopper.signal.aborted) {
      try {
        if (await hasRunnableImport(deps.pool)) {
          const job = await claimImport(deps.pool, owner);
          if (job) {
            log("info", "history import running", { jobId: job.id, since: job.since, line: job.line });
            const end = await runImport(deps, job, { owner, signal: stopper.signal, onMedia: wakeMedia });
            log("info", "history import stopped", {
              jobId: end.id,
              state: end.state,
              stored: end.stored,
              known: end.known,
              failed: end.failed,
            });
          }
        }
      } catch (error) {
        log("warn", "sync worker import pass failed", { error: (error as Error).message });
      }
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        void sleep(pollMs, stopper.signal).then(resolve);
      });
    }
  })();

  const reconcileLoop = (async () => {
    if (reconcileMs <= 0) return;
    // A first pass soon after start: what was missed while the server was down.
    await sleep(Math.min(reconcileMs, 5000), stopper.signal);
    while (!stopper.signal.aborted) {
      await reconcile().catch((error: Error) => log("warn", "reconcile failed", { error: error.message }));
      await sleep(reconcileMs, stopper.signal);
    }
  })();

  const stream =
    (options.events ?? config.SENDBLUE_EVENTS) === "stream"
      ? startEventStream(deps, { owner, repairGap: reconcile, onMedia: wakeMedia })
      : null;

  const worker: SyncWorker = {
    wake: () => wakeUp?.(),
    stream: () => stream?.status ?? null,
    stop: async () => {
      stopper.abort();
      wakeUp?.();
      await Promise.all([importLoop, reconcileLoop, stream?.stop(), reconciling]);
      globalForSync.inboxSyncWorker = undefined;
    },
  };
  globalForSync.inboxSyncWorker = worker;
  return worker;
}
