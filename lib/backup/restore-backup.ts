import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import tar from "tar-stream";
import { migrate, readMigrations } from "@/lib/db-tools/migrate";
import { displayContentType, type MediaStorage } from "@/lib/media/storage";
import { MANIFEST_ENTRY, manifestSchema, type Manifest } from "./manifest";
import { startProgress, type ArchiveProgress } from "./progress";
import { TableLoader, type TriggerMode } from "./table-loader";
import { checkTarget, readTargetState } from "./target-state";

// Rebuilds a database from an archive (lib/backup/create-backup.ts): migrations up to exactly
// the archive's, its rows in one transaction, its sequences, its media files; then the
// migrations since, as any start-up would, so the result runs on this version.

export type RestoreProgress = ArchiveProgress<"migrations" | "tables" | "media" | "upgrade">;

export type RestoreResult = { manifest: Manifest; triggerMode: TriggerMode; upgradedWith: string[] };

/** A tar entry: its name, then its bytes (read to the end before the next entry comes). */
type Entry = AsyncIterable<Buffer> & { header: { name: string; size: number } };

// Most kept media (thumbnails, photos, voice notes) are under this; videos stream through a file.
const IN_MEMORY_MEDIA_BYTES = 4 * 1024 * 1024;

const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

export async function restoreBackup(options: {
  databaseUrl: string;
  file: string;
  force?: boolean;
  /** Where media files go; null when the archive holds none to restore. */
  storage: MediaStorage | null;
  /** Names the target in refusals ("the database inbox on 127.0.0.1:54329"). */
  where?: string;
  log?: (line: string) => void;
  onProgress?: (p: RestoreProgress) => void;
}): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const extract = tar.extract();
  pipeline(createReadStream(options.file), createGunzip(), extract, (error) => {
    if (error) extract.destroy(error);
  });
  const entries = (extract as AsyncIterable<Entry>)[Symbol.asyncIterator]();
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let loader: TableLoader | null = null;
  let tempDir: string | undefined;
  try {
    const manifest = await readManifest(entries);
    const names = manifest.migrations.map((m) => m.name);
    checkTarget(await readTargetState(client), names, {
      force: options.force ?? false,
      where: options.where ?? "this database",
    });
    await checkMigrationsKnown(manifest, log);
    const progress = startProgress<RestoreProgress["phase"]>(manifest, "migrations");
    const report = () => options.onProgress?.({ ...progress });
    report();
    if (names.length) await migrate(options.databaseUrl, { until: names.at(-1), backgroundTasks: "none", log });

    progress.phase = "tables";
    loader = await TableLoader.begin(client, manifest.tables);
    const triggerMode = loader.mode;
    const keys = new Set(manifest.media.keys);
    let lastTable = -1;
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      const entry = next.value;
      const name = entry.header.name;
      const data = /^data\/(\d{4})-[^/]+\/\d{6}\.copy$/.exec(name);
      if (data) {
        if (!loader) throw new Error(`${name} comes after the media files; the archive is out of order`);
        const index = Number(data[1]);
        if (index !== lastTable) {
          if (lastTable >= 0) progress.tablesDone++;
          lastTable = index;
          progress.table = manifest.tables[index]?.name;
          report();
        }
        progress.rowsDone += await loader.write(index, entry);
        progress.bytes += entry.header.size;
        report();
        continue;
      }
      if (loader) {
        await loader.commit(manifest.sequences);
        log(`data loaded (triggers off by ${loader.mode})`);
        loader = null;
        progress.phase = "media";
        progress.tablesDone = manifest.tables.length;
        progress.table = undefined;
        report();
      }
      const key = name.startsWith("media/") ? name.slice("media/".length) : null;
      if (!key || !keys.has(key)) throw new Error(`unexpected entry ${name} in the archive`);
      if (!options.storage) throw new Error("the archive holds media files but no media storage was given");
      tempDir ??= await fs.mkdtemp(path.join(os.tmpdir(), "inbox-restore-"));
      await restoreMediaFile(options.storage, key, entry, path.join(tempDir, "file"));
      progress.mediaDone++;
      progress.bytes += entry.header.size;
      report();
    }
    if (loader) {
      await loader.commit(manifest.sequences);
      loader = null;
    }
    if (progress.mediaDone !== manifest.media.files) {
      log(
        `warning: the archive held ${progress.mediaDone} of the ${manifest.media.files} media files its manifest lists (files deleted while the backup ran)`,
      );
    }
    progress.phase = "upgrade";
    report();
    const { applied } = await migrate(options.databaseUrl, { log });
    return { manifest, triggerMode, upgradedWith: applied };
  } catch (error) {
    await loader?.rollback();
    throw error;
  } finally {
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
    extract.destroy();
    await client.end();
  }
}

async function readManifest(entries: AsyncIterator<Entry>): Promise<Manifest> {
  const first = await entries.next();
  if (first.done || first.value.header.name !== MANIFEST_ENTRY)
    throw new Error(`not a backup archive: it does not start with ${MANIFEST_ENTRY}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of first.value) {
    size += piece.length;
    if (size > MAX_MANIFEST_BYTES) throw new Error(`${MANIFEST_ENTRY} is larger than ${MAX_MANIFEST_BYTES} bytes`);
    chunks.push(piece);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
  if (!parsed.success)
    throw new Error(`${MANIFEST_ENTRY} is not one this version reads: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The archive's data fits its schema version; this checkout must know every migration of it. */
async function checkMigrationsKnown(manifest: Manifest, log: (line: string) => void): Promise<void> {
  const local = new Map((await readMigrations()).map((m) => [m.name, m.checksum]));
  const unknown = manifest.migrations.filter((m) => !local.has(m.name));
  if (unknown.length) {
    throw new Error(
      `the archive was made by a newer version (migrations ${unknown.map((m) => m.name).join(", ")} are not in this one's prisma/migrations); update the inbox, then restore`,
    );
  }
  for (const m of manifest.migrations) {
    if (local.get(m.name) !== m.checksum)
      log(`warning: migration ${m.name} differs from the one the archive's database applied`);
  }
}

/** Small files from memory; larger ones through a temporary file, which the storage streams (S3 needs the length up front). */
async function restoreMediaFile(storage: MediaStorage, key: string, entry: Entry, temp: string): Promise<void> {
  const type = /\.(jpg|ogg)$/.test(key) ? displayContentType(key) : "application/octet-stream";
  if (entry.header.size <= IN_MEMORY_MEDIA_BYTES) {
    const pieces: Buffer[] = [];
    for await (const piece of entry) pieces.push(piece);
    return storage.put(key, Buffer.concat(pieces), type);
  }
  try {
    await pipelineAsync(entry, createWriteStream(temp));
    await storage.putFile(key, temp, type);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
