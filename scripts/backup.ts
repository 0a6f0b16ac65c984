// `npm run backup -- [--out file]`: one consistent archive (gzip'd tar) of the database and the
// kept media, from DATABASE_URL or the embedded server (shared with a running `npm start`),
// while the inbox keeps serving. See lib/backup/create-backup.ts and README "Backups".
import path from "node:path";
import { parseArgs } from "node:util";
import { backupFileName } from "@/lib/backup/backup-files";
import { createBackup } from "@/lib/backup/create-backup";
import { mediaSourceFromEnv, S3_NOT_COPIED } from "@/lib/backup/media-source";
import { env, EnvError } from "@/lib/env";
import { backupProgressBar, mib } from "./lib/backup-progress";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[backup] ${line}`);

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const config = env();
  const out = values.out ?? path.join(config.BACKUP_DIR ?? path.join(config.DATA_DIR, "backups"), backupFileName());
  const media = mediaSourceFromEnv();
  if (media.kind === "s3") log(S3_NOT_COPIED(media.bucket));
  const database = await openAppDatabase(log);
  const bar = backupProgressBar("backup");
  const started = performance.now();
  try {
    const result = await createBackup({ databaseUrl: database.url, out, media, onProgress: (p) => bar.update(p) });
    bar.stop();
    const rows = result.manifest.tables.reduce((n, t) => n + t.rows, 0);
    log(
      `wrote ${result.file}: ${result.manifest.tables.length} tables, ${rows} rows, ${result.manifest.media.files} media files ` +
        `(${mib(result.manifest.media.bytes)}), ${mib(result.dataBytes)} → ${mib(result.archiveBytes)} in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s; schema at ${result.manifest.migrations.at(-1)?.name ?? "(none)"}`,
    );
    for (const key of result.manifest.media.missing)
      log(`warning: media file ${key} is recorded as kept but missing on disk`);
    for (const key of result.vanished)
      log(`warning: media file ${key} was deleted while the backup ran; it is not in the archive`);
  } finally {
    bar.stop();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[backup] failed: ${(error as Error).message}`);
  process.exit(1);
});
