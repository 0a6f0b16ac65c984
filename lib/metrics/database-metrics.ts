import client from "prom-client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { listUnfinishedTasks } from "@/lib/db/background-tasks";
import { mediaQueueStatus } from "@/lib/media/queue-status";
import { openEventStreamCount } from "@/lib/realtime/sse-stream";
import { syncStatus } from "@/lib/sync/sync-status";
import { refusalTotals } from "@/lib/webhooks/record-refusal";

// Gauges read at scrape time. These are the database's, so every server reports the same
// value (take max, not sum, across instances); each read is an index lookup or the counters
// ledger, never a count over history, so a scrape stays cheap at millions of messages.

const ageSeconds = (at: Date | string | null | undefined, now: number) =>
  at ? Math.max(0, (now - new Date(at).getTime()) / 1000) : 0;

/** A registry of the gauges, filled from the database now. A scrape builds a fresh one. */
export async function databaseMetrics(sql: SqlRunner, now = Date.now()): Promise<client.Registry> {
  const registry = new client.Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new client.Gauge({ name, help, labelNames, registers: [registry] });

  const up = gauge("inbox_database_up", "1 when the database answered this scrape");
  const streams = gauge("inbox_live_streams", "Dashboard event streams open on this process");
  streams.set(openEventStreamCount());
  try {
    const [media, refusals, tasks, sync] = await Promise.all([
      mediaQueueStatus(sql, { recent: 0 }),
      refusalTotals(sql),
      listUnfinishedTasks(sql),
      syncStatus(sql),
    ]);
    up.set(1);
    const queue = gauge("inbox_media_attachments", "Attachments by mirror state (pending and copying are the queue)", [
      "state",
    ]);
    for (const [state, count] of Object.entries(media.counts)) queue.set({ state }, count);
    gauge(
      "inbox_media_oldest_pending_age_seconds",
      "Age of the oldest attachment waiting to be copied (0 when none)",
    ).set(ageSeconds(media.oldestPendingAt, now));
    gauge("inbox_webhook_refusals", "Webhooks refused for a wrong or missing secret, all servers, ever").set(
      refusals.count,
    );
    gauge("inbox_background_tasks_unfinished", "Upgrade tasks still running after a migration").set(tasks.length);
    if (sync.configured) {
      gauge("inbox_sync_reconcile_age_seconds", "Time since gap repair last ran (0 before its first run)").set(
        ageSeconds(sync.reconcile?.lastRunAt, now),
      );
      gauge("inbox_sync_repaired_total", "Messages gap repair has found missing and stored").set(
        sync.reconcile?.repairedTotal ?? 0,
      );
      if (sync.stream)
        gauge("inbox_sync_stream_connected", "1 when this process holds Sendblue's event stream").set(
          sync.stream.connected ? 1 : 0,
        );
    }
  } catch {
    up.set(0);
  }
  return registry;
}
