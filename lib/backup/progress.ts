import type { Manifest } from "./manifest";

// How far a backup or a restore is, for progress bars and logs: counted against the
// manifest's totals, which both sides know before the first row moves.

export type ArchiveProgress<Phase extends string> = {
  phase: Phase;
  table?: string;
  tablesDone: number;
  tablesTotal: number;
  rowsDone: number;
  rowsTotal: number;
  mediaDone: number;
  mediaTotal: number;
  /** Uncompressed bytes put in the archive or read from it so far. */
  bytes: number;
};

export function startProgress<Phase extends string>(manifest: Manifest, phase: Phase): ArchiveProgress<Phase> {
  return {
    phase,
    tablesDone: 0,
    tablesTotal: manifest.tables.length,
    rowsDone: 0,
    rowsTotal: manifest.tables.reduce((n, t) => n + t.rows, 0),
    mediaDone: 0,
    mediaTotal: manifest.media.files,
    bytes: 0,
  };
}
