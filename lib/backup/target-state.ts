import type pg from "pg";
import { listTables, MIGRATIONS_TABLE, quoteIdent } from "./schema-facts";

// Whether a database may receive a restore: only an empty one (no migration applied, no row
// in any table) unless the operator said --force, and even then only one whose migrations
// are the archive's or an earlier part of them (data cannot go back to an older schema).

export class RestoreRefusedError extends Error {}

export type TargetState = { applied: string[]; tablesWithRows: string[] };

export async function readTargetState(client: Pick<pg.Client, "query">): Promise<TargetState> {
  const { rows: ledger } = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    `public.${quoteIdent(MIGRATIONS_TABLE)}`,
  ]);
  const applied = ledger[0]!.exists
    ? (
        await client.query<{ name: string }>(
          `SELECT migration_name AS name FROM ${quoteIdent(MIGRATIONS_TABLE)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
        )
      ).rows.map((r) => r.name)
    : [];
  const tablesWithRows: string[] = [];
  for (const t of await listTables(client)) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}) AS any`);
    if (rows[0]!.any) tablesWithRows.push(t.name);
  }
  return { applied, tablesWithRows };
}

/** Throws RestoreRefusedError with what is in the way and what to do instead. */
export function checkTarget(
  state: TargetState,
  archiveMigrations: string[],
  options: { force: boolean; where: string },
): void {
  const empty = state.applied.length === 0 && state.tablesWithRows.length === 0;
  if (empty) return;
  const what = [
    state.applied.length ? `${state.applied.length} migrations applied` : "",
    state.tablesWithRows.length
      ? `rows in ${state.tablesWithRows.slice(0, 5).join(", ")}${state.tablesWithRows.length > 5 ? ", …" : ""}`
      : "",
  ]
    .filter(Boolean)
    .join(", ");
  if (!options.force) {
    throw new RestoreRefusedError(
      `Refusing to restore into ${options.where}: it is not empty (${what}). Restore into a new, empty database ` +
        `(CREATE DATABASE …), or pass --force to delete everything in this one first.`,
    );
  }
  const archive = new Set(archiveMigrations);
  const newer = state.applied.filter((name) => !archive.has(name));
  const prefix = state.applied.every((name, i) => archiveMigrations[i] === name);
  if (newer.length || !prefix) {
    throw new RestoreRefusedError(
      `Refusing to restore into ${options.where}, even with --force: its schema has migrations the archive's ` +
        `does not (${newer.slice(0, 3).join(", ") || "a different order"}), and data cannot be loaded into a newer schema. ` +
        `Restore into a new, empty database; the restore then upgrades it to this version.`,
    );
  }
}
