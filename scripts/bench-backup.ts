// `npm run bench:backup -- [--messages 100000] [--media-bytes 2048]`
// Time and size of `npm run backup` and `npm run restore` on a seeded database (the corpus
// bench:read uses: ~40 messages a conversation, statuses, tapbacks, kept attachments, whose
// files are written here at --media-bytes each), restored into a second database whose row
// counts are then checked against the archive's. Prints a table; both databases are dropped.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createBackup } from "@/lib/backup/create-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";
import { quoteIdent } from "@/lib/backup/schema-facts";
import { migrate } from "@/lib/db-tools/migrate";
import { DiskStorage } from "@/lib/media/storage";
import { loadCorpus } from "./lib/corpus-load";
import { createScratchDatabase, openScratchServer } from "./lib/database";
import { markdownTable } from "./lib/markdown-table";

const { values: args } = parseArgs({
  options: { messages: { type: "string", default: "100000" }, "media-bytes": { type: "string", default: "2048" } },
});
const log = (line: string) => console.log(`[bench] ${line}`);
const mib = (bytes: number) => (bytes / 1048576).toFixed(1);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Seconds spent in each phase a progress callback reports, in order. */
function phaseClock() {
  let phases: [string, number][] = [];
  let current: string | null = null;
  let since = performance.now();
  let started = since;
  const close = () => {
    if (current) phases.push([current, (performance.now() - since) / 1000]);
  };
  return {
    at(phase: string) {
      if (phase === current) return;
      close();
      current = phase;
      since = performance.now();
    },
    end() {
      close();
      const result = { phases, total: (performance.now() - started) / 1000 };
      phases = [];
      current = null;
      started = since = performance.now();
      return result;
    },
  };
}

async function main() {
  const server = await openScratchServer("bench", log);
  const source = await createScratchDatabase(server.url, "backup_bench");
  const target = await createScratchDatabase(server.url, "restore_bench");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-backup-bench-"));
  try {
    await migrate(source.url, { log });
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    await loadCorpus(client, Number(args.messages), { log, realistic: true }).finally(() => client.end());

    const mediaDir = path.join(work, "media");
    const keys = await query<{ key: string }>(
      source.url,
      "SELECT k AS key FROM media_attachments, unnest(ARRAY[storage_key, thumbnail_key]) k WHERE mirror_state = 'kept' AND k IS NOT NULL",
    );
    const bytes = Buffer.alloc(Number(args["media-bytes"]), 7);
    for (const { key } of keys) {
      fs.mkdirSync(path.dirname(path.join(mediaDir, key)), { recursive: true });
      fs.writeFileSync(path.join(mediaDir, key), bytes);
    }
    log(`wrote ${keys.length} media files of ${bytes.length} bytes`);

    const phases = phaseClock();
    const backup = await createBackup({
      databaseUrl: source.url,
      out: path.join(work, "bench.tar.gz"),
      media: { kind: "disk", root: mediaDir },
      onProgress: (p) => phases.at(`backup ${p.phase}`),
    });
    const backupTimes = phases.end();
    await restoreBackup({
      databaseUrl: target.url,
      file: backup.file,
      storage: new DiskStorage(path.join(work, "restored-media")),
      onProgress: (p) => phases.at(`restore ${p.phase}`),
    });
    const restoreTimes = phases.end();

    for (const table of backup.manifest.tables) {
      const [row] = await query<{ n: string }>(target.url, `SELECT count(*)::text AS n FROM ${quoteIdent(table.name)}`);
      if (Number(row!.n) !== table.rows)
        throw new Error(`${table.name}: ${row!.n} rows restored, ${table.rows} backed up`);
    }
    const [size] = await query<{ size: string }>(
      source.url,
      "SELECT pg_database_size(current_database())::text AS size",
    );
    const messages = backup.manifest.tables.find((t) => t.name === "messages")!.rows;
    const rows = backup.manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      markdownTable(
        [
          "messages",
          "rows (all tables)",
          "media files",
          "database on disk",
          "archive contents",
          "archive (gzip)",
          "backup",
          "restore (incl. migrations)",
        ],
        [
          [
            messages.toLocaleString("en-US"),
            rows.toLocaleString("en-US"),
            `${backup.manifest.media.files} (${mib(backup.manifest.media.bytes)} MiB)`,
            `${mib(Number(size!.size))} MiB`,
            `${mib(backup.dataBytes)} MiB`,
            `${mib(backup.archiveBytes)} MiB`,
            `${backupTimes.total.toFixed(1)} s`,
            `${restoreTimes.total.toFixed(1)} s`,
          ],
        ],
      ),
    );
    log(
      `phases: ${[...backupTimes.phases, ...restoreTimes.phases].map(([name, sec]) => `${name} ${sec.toFixed(1)} s`).join(", ")}; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await source.drop();
    await target.drop();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
