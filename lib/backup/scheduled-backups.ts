import path from "node:path";
import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";
import { backupFileName, listBackups, pruneBackups } from "./backup-files";
import { createBackup } from "./create-backup";
import { mediaSourceFromEnv, S3_NOT_COPIED, type MediaSource } from "./media-source";

// Scheduled backups on a long-running server (BACKUP_DIR, BACKUP_EVERY_HOURS, BACKUP_KEEP):
// every few minutes each server asks whether the newest archive in BACKUP_DIR is older than
// the interval; one at a time across all servers on the database (an advisory lock), it
// writes a new one and deletes all but the newest BACKUP_KEEP.

/** Any server holding this session lock is taking a scheduled backup. */
export const BACKUP_LOCK_SQL = "hashtext('sendblue-inbox:scheduled-backup')";
const CHECK_MS = 5 * 60_000;
const FIRST_CHECK_MS = 60_000;

export type ScheduledBackupOptions = {
  databaseUrl: string;
  dir: string;
  everyHours: number;
  keep: number;
  media: MediaSource;
  now?: Date;
};

export type ScheduledOutcome = "written" | "not-due" | "busy";

export async function runScheduledBackup(options: ScheduledBackupOptions): Promise<ScheduledOutcome> {
  const now = options.now ?? new Date();
  const lock = new pg.Client({ connectionString: options.databaseUrl });
  await lock.connect();
  try {
    const { rows } = await lock.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${BACKUP_LOCK_SQL}) AS got`);
    if (!rows[0]!.got) return "busy";
    const newest = (await listBackups(options.dir))[0];
    if (newest && now.getTime() - newest.at.getTime() < options.everyHours * 3_600_000) return "not-due";
    const started = performance.now();
    const out = path.join(options.dir, backupFileName(now));
    const result = await createBackup({ databaseUrl: options.databaseUrl, out, media: options.media });
    log("info", "scheduled backup written", {
      file: out,
      bytes: result.archiveBytes,
      rows: result.manifest.tables.reduce((n, t) => n + t.rows, 0),
      mediaFiles: result.manifest.media.files,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      ...(options.media.kind === "s3" ? { note: S3_NOT_COPIED(options.media.bucket) } : {}),
    });
    for (const file of await pruneBackups(options.dir, options.keep))
      log("info", "old backup deleted", { file, keep: options.keep });
    return "written";
  } finally {
    // Ending the session releases the lock.
    await lock.end();
  }
}

const globalForBackups = globalThis as unknown as { inboxScheduledBackups?: NodeJS.Timeout };

/** Starts the checks when BACKUP_DIR and BACKUP_EVERY_HOURS are set (on a long-running server). */
export function startScheduledBackups(): void {
  const config = env();
  if (
    !config.BACKUP_DIR ||
    !config.BACKUP_EVERY_HOURS ||
    !config.DATABASE_URL ||
    globalForBackups.inboxScheduledBackups
  )
    return;
  const options = {
    databaseUrl: config.DATABASE_URL,
    dir: config.BACKUP_DIR,
    everyHours: config.BACKUP_EVERY_HOURS,
    keep: config.BACKUP_KEEP,
    media: mediaSourceFromEnv(),
  };
  const every = Math.min(CHECK_MS, options.everyHours * 3_600_000);
  const check = async () => {
    try {
      await runScheduledBackup(options);
    } catch (error) {
      log("error", "scheduled backup failed", {
        error: error instanceof Error ? error.message : String(error),
        retryInMs: every,
      });
    }
    globalForBackups.inboxScheduledBackups = setTimeout(check, every).unref();
  };
  globalForBackups.inboxScheduledBackups = setTimeout(check, Math.min(FIRST_CHECK_MS, every)).unref();
  log("info", "scheduled backups on", { dir: options.dir, everyHours: options.everyHours, keep: options.keep });
}
