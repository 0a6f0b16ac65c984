import fs from "node:fs/promises";
import path from "node:path";

// Archive file names sort by time (inbox-backup-20261202T051800Z.tar.gz), so "the newest N"
// is a sort by name, and an interrupted backup (still named *.partial) is never one of them.

const PATTERN = /^inbox-backup-(\d{8}T\d{6}(?:\d{3})?Z)\.tar\.gz$/;

export function backupFileName(at = new Date()): string {
  return `inbox-backup-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d{3})/, "$1")}.tar.gz`;
}

/** The archives in `dir`, newest first. */
export async function listBackups(dir: string): Promise<{ file: string; at: Date }[]> {
  const names = await fs
    .readdir(dir)
    .catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? [] : Promise.reject(e)));
  return names
    .filter((n) => PATTERN.test(n))
    .sort()
    .reverse()
    .map((n) => {
      const s = PATTERN.exec(n)![1]!;
      const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18) || "000"}Z`;
      return { file: path.join(dir, n), at: new Date(iso) };
    });
}

/** Deletes all but the newest `keep` archives in `dir`; returns the deleted files. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const old = (await listBackups(dir)).slice(keep).map((b) => b.file);
  for (const file of old) await fs.rm(file, { force: true });
  return old;
}
