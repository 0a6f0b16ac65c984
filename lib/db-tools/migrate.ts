import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { listUnfinishedTasks, runBackgroundTasks, type TaskProgress } from "@/lib/db/background-tasks";

// Applies prisma/migrations/*/migration.sql and records them in _prisma_migrations the way
// `prisma migrate deploy` does (same table, checksum = sha256 of the file), so either tool
// can take over a database the other started. The native schema engine that Prisma's CLI
// needs cannot be downloaded on every host; this needs nothing but `pg`.

const MIGRATIONS_TABLE_DDL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so a concurrent `prisma migrate deploy` waits for us too.
const ADVISORY_LOCK_KEY = 72707369;

export type MigrationFile = { name: string; sql: string; checksum: string };

export async function readMigrations(dir = path.resolve("prisma/migrations")): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** `pending`: background tasks left for the server (too big to do before it serves). */
export type MigrateResult = { applied: string[]; alreadyApplied: number; pending: TaskProgress[] };

export async function migrate(
  connectionString: string,
  options: {
    dir?: string;
    /** Stop after this migration (restoring a backup made at that version); it must exist. */
    until?: string;
    log?: (line: string) => void;
    backgroundTasks?: "small" | "all" | "none";
    onTaskProgress?: (p: TaskProgress) => void;
  } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const all = await readMigrations(options.dir);
  const stop = options.until === undefined ? all.length : all.findIndex((m) => m.name === options.until) + 1;
  if (stop === 0) throw new Error(`Migration ${options.until} is not in this version's prisma/migrations`);
  const migrations = all.slice(0, stop);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_DDL);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then mark it rolled back`,
      );
    }
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous) {
        if (previous !== m.checksum) log(`warning: migration ${m.name} was edited after it was applied`);
        continue;
      }
      log(`applying migration ${m.name}`);
      const id = randomUUID();
      // Each migration is all-or-nothing: the row is written in the same transaction.
      await client.query("BEGIN");
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(m.name);
    }
    // Background work the migrations queued (lib/db/background-tasks.ts): done here when it
    // is small (a fresh or small install), else left to the server, which serves meanwhile.
    // `backgroundTasks: "all"` does it all now (npm run migrate -- --run-tasks).
    const mode = options.backgroundTasks ?? "small";
    if (mode !== "none") {
      await runBackgroundTasks(connectionString, {
        onlySmall: mode === "small",
        log: (message, fields) => log(`${message} ${JSON.stringify(fields ?? {})}`),
        onProgress: options.onTaskProgress,
      });
    }
    return { applied, alreadyApplied: done.size, pending: await listUnfinishedTasks(client) };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
