import { env } from "@/lib/env";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { RECONCILE_KEY } from "./reconcile";
import { STREAM_KEY } from "./event-stream";
import { syncConfigured } from "./sync-deps";
import { latestImport, type ImportJob } from "./sync-jobs";
import { readSyncState } from "./sync-state";
import { syncWorker } from "./sync-worker";

// What the dashboard, /api/sync and /api/health say about sync: the latest import's
// progress, the last reconcile pass and what it repaired, and the event stream.

export type ImportView = Omit<ImportJob, "leaseOwner" | "leaseUntil" | "cursorSkip"> & { active: boolean };

export type SyncStatus = {
  configured: boolean;
  events: "webhooks" | "stream";
  reconcileMinutes: number;
  import: ImportView | null;
  reconcile: {
    lastRunAt: Date | null;
    lastFinishedAt: Date | null;
    lastRepaired: number;
    repairedTotal: number;
    runs: number;
    highWaterMark: Date | null;
    lastError: string | null;
  } | null;
  stream: {
    lastConnectedBy: string | null;
    connected: boolean | null;
    lastEventAt: string | null;
    events: number;
    duplicates: number;
  } | null;
};

export async function syncStatus(sql: SqlRunner): Promise<SyncStatus> {
  const config = env();
  const [job, reconcile, stream] = await Promise.all([
    latestImport(sql),
    readSyncState(sql, RECONCILE_KEY),
    readSyncState(sql, STREAM_KEY),
  ]);
  const local = syncWorker()?.stream() ?? null;
  return {
    configured: syncConfigured(),
    events: config.SENDBLUE_EVENTS,
    reconcileMinutes: config.SENDBLUE_RECONCILE_MINUTES,
    import: job ? importView(job) : null,
    reconcile: reconcile
      ? {
          lastRunAt: reconcile.lastRunAt,
          lastFinishedAt: reconcile.lastFinishedAt,
          lastRepaired: Number(reconcile.lastResult?.repaired ?? 0),
          repairedTotal: reconcile.repairedTotal,
          runs: reconcile.runs,
          highWaterMark: reconcile.highWaterMark,
          lastError: reconcile.lastError,
        }
      : null,
    stream:
      config.SENDBLUE_EVENTS === "stream" || stream
        ? {
            lastConnectedBy: stream?.leaseOwner ?? null,
            connected: local?.connected ?? null,
            lastEventAt: local?.lastEventAt ?? null,
            events: local?.events ?? 0,
            duplicates: local?.duplicates ?? 0,
          }
        : null,
  };
}

export function importView(job: ImportJob): ImportView {
  const { leaseOwner: _o, leaseUntil: _u, cursorSkip: _s, ...rest } = job;
  return { ...rest, active: job.state === "queued" || job.state === "running" };
}
