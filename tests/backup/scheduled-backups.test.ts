import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBackups } from "@/lib/backup/backup-files";
import { BACKUP_LOCK_SQL, runScheduledBackup, type ScheduledBackupOptions } from "@/lib/backup/scheduled-backups";
import { env } from "@/lib/env";

// Scheduled backups: one when the newest archive is older than the interval, the newest
// BACKUP_KEEP kept, and none while another server holds the backup lock.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-scheduled-"));
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-scheduled-media-"));
const hour = 3_600_000;
const t0 = Date.UTC(2026, 11, 1, 0, 0);

let options: ScheduledBackupOptions;
beforeAll(() => {
  options = { databaseUrl: env().DATABASE_URL!, dir, everyHours: 6, keep: 2, media: { kind: "disk", root: mediaDir } };
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

describe("scheduled backups", () => {
  it("write one per interval and keep only the newest BACKUP_KEEP", async () => {
    const at = (h: number) => ({ ...options, now: new Date(t0 + h * hour) });
    expect(await runScheduledBackup(at(0))).toBe("written");
    expect(await runScheduledBackup(at(5))).toBe("not-due");
    expect(await runScheduledBackup(at(6))).toBe("written");
    expect(await runScheduledBackup(at(12))).toBe("written");
    expect(await runScheduledBackup(at(18))).toBe("written");
    const kept = await listBackups(dir);
    expect(kept.map((b) => b.at.getTime())).toEqual([t0 + 18 * hour, t0 + 12 * hour]);
    expect(fs.readdirSync(dir).sort()).toEqual(kept.map((b) => path.basename(b.file)).sort());
  });

  it("skip while another server holds the backup lock", async () => {
    const other = new pg.Client({ connectionString: options.databaseUrl });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(${BACKUP_LOCK_SQL})`);
      expect(await runScheduledBackup({ ...options, now: new Date(t0 + 100 * hour) })).toBe("busy");
      await other.query(`SELECT pg_advisory_unlock(${BACKUP_LOCK_SQL})`);
      expect(await runScheduledBackup({ ...options, now: new Date(t0 + 100 * hour) })).toBe("written");
    } finally {
      await other.end();
    }
    expect(await listBackups(dir)).toHaveLength(2);
  });
});
