import { mkdtemp, mkdir, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db-tools/migrate";
import { env } from "@/lib/env";
import { createScratchDatabase } from "@/scripts/lib/database";

// Each test gets its own empty database on the test server.
const serverUrl = (() => {
  const url = new URL(env().DATABASE_URL!);
  url.pathname = "/postgres";
  return url.toString();
})();
const scratches: { drop: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const s of scratches) await s.drop();
});

async function scratch() {
  const db = await createScratchDatabase(serverUrl, "inbox_migrate");
  scratches.push(db);
  return db.url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("applies every migration once and records it the way Prisma does", async () => {
    const url = await scratch();
    const files = await readMigrations();
    expect(await migrate(url)).toEqual({ applied: files.map((f) => f.name), alreadyApplied: 0, pending: [] });
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: files.length, pending: [] });
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date;
      applied_steps_count: number;
    }>(
      url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      files.map((f) => [f.name, f.checksum, 1]),
    );
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("runs concurrent starts safely (advisory lock)", async () => {
    const url = await scratch();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(results.flatMap((r) => r.applied).length).toBe((await readMigrations()).length);
  });

  it("rolls a failing migration back entirely and reports its name", async () => {
    const url = await scratch();
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    await mkdir(path.join(dir, "29990101000000_broken"));
    await writeFile(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      'CREATE TABLE "half_done" (id int);\nSELECT nonsense_function();\n',
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/Migration 29990101000000_broken failed/);
    expect(await query(url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    expect(
      await query(
        url,
        `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
      ),
    ).toEqual([{ n: 0 }]);
  });
});
