import type { SqlRunner } from "./pg-pool";
import { readMigrations } from "./migrate";

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
  const shipped = await readMigrations().catch(() => null);
  const have = new Set(done);
  return {
    applied: done.length,
    latest: done.at(-1) ?? null,
    failed: rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    pending: shipped ? shipped.map((m) => m.name).filter((n) => !have.has(n)) : null,
  };
}
