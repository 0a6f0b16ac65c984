import { env } from "@/lib/env";

/** Server start-up: validate configuration, end live streams on shutdown, announce first-run setup, start the media mirror, the Sendblue sync worker, background tasks, retention and scheduled backups. */
export async function startServer(): Promise<void> {
  // Validate configuration now, so a bad variable stops the server with one clear line
  // instead of failing the first request.
  let config;
  try {
    config = env();
    // A VAPID public key that is not the private key's other half stops the start too.
    const { vapidConfig } = await import("@/lib/notifications/vapid");
    vapidConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { closeEventStreamsOnShutdown } = await import("@/lib/realtime/close-streams-on-shutdown");
  closeEventStreamsOnShutdown();
  const { stopWithParent } = await import("./stop-with-parent");
  stopWithParent();
  const { announceSetupToken } = await import("./announce-setup-token");
  await announceSetupToken();
  // On a long-running server the media mirror copies in the background; on Vercel the
  // after-response kick and the cron sweep do it instead (lib/media/kick.ts, /api/media/sweep).
  const { shouldRunBackgroundWorker, startMediaWorker } = await import("@/lib/media/worker");
  if (shouldRunBackgroundWorker() && config.DATABASE_URL) {
    const { db } = await import("@/lib/db/client");
    startMediaWorker(db());
  }
  // Outgoing webhooks and Slack notices (lib/outgoing/*).
  const { shouldRunOutgoingWorker, startOutgoingWorker } = await import("@/lib/outgoing/worker");
  if (shouldRunOutgoingWorker() && config.DATABASE_URL) {
    const { db } = await import("@/lib/db/client");
    startOutgoingWorker(db());
  }
  // History import, gap repair and the event stream (lib/sync/*), when API keys are set.
  const { shouldRunSyncWorker, startSyncWorker } = await import("@/lib/sync/sync-worker");
  if (shouldRunSyncWorker() && config.DATABASE_URL) {
    const { syncDeps } = await import("@/lib/sync/sync-deps");
    const deps = syncDeps();
    if (deps) startSyncWorker(deps);
  }
  // The timed work of a long-running server; on Vercel crons and the build do it instead.
  if (config.DATABASE_URL && !config.VERCEL) {
    const [{ db }, { pgPool }, { mediaStorage }] = await Promise.all([
      import("@/lib/db/client"),
      import("@/lib/db/pg-pool"),
      import("@/lib/media/storage"),
    ]);
    // Snoozed conversations wake on time (guarded, so several servers may run it); on Vercel
    // the cron route /api/conversations/wake does.
    const { startSnoozeWaker } = await import("@/lib/workflow/snooze-waker");
    startSnoozeWaker(db());
    // Work a migration left to do while the server serves (backfills, index builds), whatever
    // MEDIA_WORKER says; on Vercel the build does it (`npm run migrate -- --run-tasks`).
    const { startBackgroundTaskRunner } = await import("@/lib/db/background-task-runner");
    startBackgroundTaskRunner();
    // WEBHOOK_LOG_DAYS / MEDIA_KEEP_DAYS (on Vercel the media sweep cron runs it).
    const { startRetention } = await import("@/lib/retention/run-retention");
    startRetention({ db: db(), pool: pgPool(), storage: mediaStorage });
    // An archive every BACKUP_EVERY_HOURS into BACKUP_DIR, when both are set (README "Backups").
    const { startScheduledBackups } = await import("@/lib/backup/scheduled-backups");
    startScheduledBackups();
  }
}
