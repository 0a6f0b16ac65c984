// `npm run restore -- file [--force]`: rebuilds an empty database (DATABASE_URL or the embedded
// one) from a `npm run backup` archive: migrations up to the archive's, its data, sequences
// and media files, then this version's later migrations. Refuses a database that is not empty
// unless --force (which deletes its rows first). Stop the inbox first: it should not write
// into a database being restored.
import { parseArgs } from "node:util";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { S3_NOT_COPIED } from "@/lib/backup/media-source";
import { RestoreRefusedError } from "@/lib/backup/target-state";
import { EnvError } from "@/lib/env";
import { mediaStorage } from "@/lib/media/storage";
import { backupProgressBar } from "./lib/backup-progress";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[restore] ${line}`);

async function main() {
  const { values, positionals } = parseArgs({
    options: { force: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error("usage: npm run restore -- <archive.tar.gz> [--force]");
  const database = await openAppDatabase(log);
  const url = new URL(database.url);
  const bar = backupProgressBar("restore");
  const started = performance.now();
  try {
    const result = await restoreBackup({
      databaseUrl: database.url,
      file,
      force: values.force,
      storage: mediaStorage(),
      where: `the database ${url.pathname.slice(1)} on ${url.host}`,
      log: (line) => log(line),
      onProgress: (p) => bar.update(p),
    });
    bar.stop();
    const m = result.manifest;
    log(
      `restored ${m.tables.reduce((n, t) => n + t.rows, 0)} rows in ${m.tables.length} tables and ${m.media.files} media files ` +
        `from a backup of ${m.createdAt} (version ${m.appVersion}) in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `${result.upgradedWith.length} later migrations applied`,
    );
    if (m.media.storage === "s3") log(S3_NOT_COPIED(m.media.bucket ?? "(unknown)"));
  } finally {
    bar.stop();
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof EnvError || error instanceof RestoreRefusedError
      ? error.message
      : `[restore] failed: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});
