import fs from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import tar from "tar-stream";
import pkg from "@/package.json";
import {
  chunkEntryName,
  FORMAT_VERSION,
  ARCHIVE_FORMAT,
  MANIFEST_ENTRY,
  mediaEntryName,
  type Manifest,
} from "./manifest";
import type { MediaSource } from "./media-source";
import { startProgress, type ArchiveProgress } from "./progress";
import { rowChunks } from "./row-chunks";
import { columnList, listTables, MIGRATIONS_TABLE, quoteIdent, readSequences } from "./schema-facts";

// One consistent archive of the database and the kept media, taken while the inbox keeps
// serving: one connection, one REPEATABLE READ snapshot for every table, streamed through
// COPY into a gzip'd tar (the embedded PostgreSQL ships no pg_dump). Media files are only
// ever added (write, rename, then the row says 'kept'), so every file a row in the snapshot
// points at is on disk when it is read.

const IN_MEMORY_MEDIA_BYTES = 4 * 1024 * 1024;

export type BackupProgress = ArchiveProgress<"tables" | "media">;

/** `vanished`: media files deleted between the snapshot and their copy (not in the archive). */
export type BackupResult = {
  file: string;
  manifest: Manifest;
  archiveBytes: number;
  dataBytes: number;
  vanished: string[];
};

export async function createBackup(options: {
  databaseUrl: string;
  out: string;
  media: MediaSource;
  onProgress?: (p: BackupProgress) => void;
}): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  // Written under a temporary name and renamed when complete: a backup that dies halfway
  // never looks like an archive (scheduled backups keep the newest N files by name).
  const partial = `${options.out}.partial`;
  await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), (await fs.open(partial, "w")).createWriteStream());
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // A backup of a large database outlasts any timeout meant for web requests.
    await client.query("SET LOCAL statement_timeout = 0");
    await client.query("SET LOCAL idle_in_transaction_session_timeout = 0");
    const manifest = await readManifest(client, options.media);
    const progress = startProgress<BackupProgress["phase"]>(manifest, "tables");
    const report = () => options.onProgress?.({ ...progress });
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
    await addEntry(pack, MANIFEST_ENTRY, manifestBytes);
    progress.bytes += manifestBytes.length;

    for (const [index, table] of manifest.tables.entries()) {
      progress.table = table.name;
      report();
      const copy = client.query(copyTo(`COPY ${quoteIdent(table.name)} (${columnList(table.columns)}) TO STDOUT`));
      let chunk = 0;
      let rows = 0;
      for await (const piece of rowChunks(copy)) {
        await addEntry(pack, chunkEntryName(index, table.name, chunk++), piece.bytes);
        rows += piece.rows;
        progress.rowsDone += piece.rows;
        progress.bytes += piece.bytes.length;
        report();
      }
      // Counted in the same snapshot: any difference means the archive is not what it says.
      if (rows !== table.rows)
        throw new Error(`${table.name}: copied ${rows} rows, the snapshot counted ${table.rows}`);
      progress.tablesDone++;
    }
    await client.query("COMMIT");

    progress.phase = "media";
    progress.table = undefined;
    report();
    const vanished: string[] = [];
    if (options.media.kind === "disk") {
      const missing = new Set(manifest.media.missing);
      for (const key of manifest.media.keys) {
        if (missing.has(key)) continue;
        // Open first: a file deleted after that (retention) still reads whole. One deleted
        // since the snapshot is left out, and said so; the restore reports it too.
        const handle = await fs
          .open(path.join(options.media.root, key))
          .catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
        if (!handle) {
          vanished.push(key);
          continue;
        }
        let size = 0;
        try {
          size = (await handle.stat()).size;
          // Small files in one read (most are thumbnails and photos); large ones streamed.
          if (size <= IN_MEMORY_MEDIA_BYTES) await addEntry(pack, mediaEntryName(key), await handle.readFile());
          else
            await pipeline(
              handle.createReadStream({ autoClose: false }),
              pack.entry({ name: mediaEntryName(key), size }),
            );
        } finally {
          await handle.close();
        }
        progress.mediaDone++;
        progress.bytes += size;
        report();
      }
    }
    pack.finalize();
    await written;
    await fs.rename(partial, options.out);
    const { size } = await fs.stat(options.out);
    return { file: options.out, manifest, archiveBytes: size, dataBytes: progress.bytes, vanished };
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => {});
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

function addEntry(pack: tar.Pack, name: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    pack.entry({ name, size: bytes.length }, bytes, (e) => (e ? reject(e) : resolve())),
  );
}

/** Everything the archive says about itself, read inside the snapshot. */
async function readManifest(client: pg.Client, media: MediaSource): Promise<Manifest> {
  const tables = await listTables(client);
  const counted = [];
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(t.name)}`);
    counted.push({ ...t, rows: Number(rows[0]!.n) });
  }
  const { rows: migrations } = await client.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, checksum FROM ${quoteIdent(MIGRATIONS_TABLE)}
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
  const keys = await keptMediaKeys(client);
  const files = media.kind === "disk" ? await measureFiles(media.root, keys) : { bytes: 0, missing: [] };
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: pkg.version,
    createdAt: new Date().toISOString(),
    postgresVersion: version[0]!.server_version,
    migrations,
    tables: counted,
    sequences: await readSequences(client),
    media: {
      storage: media.kind,
      ...(media.kind === "s3" ? { bucket: media.bucket } : {}),
      keys,
      files: media.kind === "disk" ? keys.length - files.missing.length : 0,
      bytes: files.bytes,
      missing: files.missing,
    },
  };
}

async function keptMediaKeys(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ key: string }>(
    `SELECT DISTINCT k AS key FROM media_attachments,
            unnest(ARRAY[storage_key, display_key, thumbnail_key]) AS k
      WHERE mirror_state = 'kept' AND k IS NOT NULL ORDER BY 1`,
  );
  return rows.map((r) => r.key);
}

async function measureFiles(root: string, keys: string[]): Promise<{ bytes: number; missing: string[] }> {
  let bytes = 0;
  const missing: string[] = [];
  for (const key of keys) {
    const size = await fs.stat(path.join(root, key)).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) missing.push(key);
    else bytes += size;
  }
  return { bytes, missing };
}
