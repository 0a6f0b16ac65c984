import cliProgress from "cli-progress";
import type { ArchiveProgress } from "@/lib/backup/progress";

// The progress bar `npm run backup` and `npm run restore` share: rows over the archive's row
// total, with the table at hand, tables done, media files and bytes. Off a terminal (a cron
// job, a log file) it prints a line every few seconds instead of redrawing.

type Progress = ArchiveProgress<string>;

export function backupProgressBar(label: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `[${label}] {phase} [{bar}] {percentage}% | rows {value}/{total} | tables {tables} | media {media} | {mib} MiB | {table}`,
      noTTYOutput: true,
      notTTYSchedule: 3000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const payload = (p: Progress) => ({
    phase: p.phase,
    table: p.table ?? "",
    tables: `${p.tablesDone}/${p.tablesTotal}`,
    media: `${p.mediaDone}/${p.mediaTotal}`,
    mib: (p.bytes / 1048576).toFixed(1),
  });
  return {
    update(p: Progress) {
      if (!started) {
        bar.start(Math.max(p.rowsTotal, 1), p.rowsDone, payload(p));
        started = true;
      } else bar.update(p.rowsDone, payload(p));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
