import { readdir } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner } from "./pg-pool";

// What /api/health?deep=1 says about the schema: which migrations the database has, which
// of the ones this build ships it lacks, and any that failed half-way. The build's list is
// read from prisma/migrations; where the files are not deployed (a serverless bundle), the
// comparison is unknown rather than guessed.

export type MigrationState = {
  applied: number;
  latest: string | null;
  failed: string[];
  /** Migrations this build has that the database lacks; null when the files are not here. */
  pending: string[] | null;
};

export async function migrationState(sql: SqlRunner): Promise<MigrationState> {
  const { rows } = await sql.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
  );
  const done = rows.filter((r) => r.finished_at).map((r) => r.migration_name);
  const shipped = await shippedMigrations();
  const have = new Set(done);
  return {
    applied: done.length,
    latest: done.at(-1) ?? null,
    failed: rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    pending: shipped ? shipped.filter((n) => !have.has(n)) : null,
  };
}

/**
 * The migration folders this build ships. The path is spelled out from the project root so
 * Next's file tracing includes prisma/migrations alone (a computed path made it trace the
 * whole project into the server bundle); the SQL itself is not read here.
 */
async function shippedMigrations(): Promise<string[] | null> {
  try {
    const entries = await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return null;
  }
}
