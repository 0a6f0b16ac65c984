import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INLINE_LIMIT_ROWS, listUnfinishedTasks, runBackgroundTasks } from "@/lib/db/background-tasks";
import { migrate } from "@/lib/db-tools/migrate";
import { createScratchDatabase } from "@/scripts/lib/database";
import { testServerUrl } from "../support/db";

// Work a migration queues in background_tasks: batches committed with their progress (so a
// stop resumes, never redoes or skips a range), single statements outside a transaction
// (CREATE INDEX CONCURRENTLY), one runner at a time, small work done by migrate() itself.

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  scratch = await createScratchDatabase(testServerUrl(), "inbox_background_tasks");
  await migrate(scratch.url);
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await scratch?.drop();
});

async function queue(
  name: string,
  kind: "batches" | "statement",
  statement: string,
  upperBoundSql: string | null = null,
) {
  await client.query(
    `INSERT INTO background_tasks (name, description, kind, statement, upper_bound_sql) VALUES ($1, $1, $2, $3, $4)`,
    [name, kind, statement, upperBoundSql],
  );
}

describe("background tasks", () => {
  it("runs batches to the end, resuming after a stop without redoing or skipping a range", async () => {
    await client.query("CREATE TABLE bt_items (id int PRIMARY KEY, touched int NOT NULL DEFAULT 0)");
    await client.query("INSERT INTO bt_items (id) SELECT generate_series(1, 5000)");
    await queue(
      "bt_touch",
      "batches",
      "UPDATE bt_items SET touched = touched + 1 WHERE id > $1 AND id <= $2",
      "SELECT max(id) FROM bt_items",
    );

    let batches = 0;
    const progress: number[] = [];
    expect(
      await runBackgroundTasks(scratch.url, {
        shouldStop: () => ++batches > 2,
        onProgress: (p) => progress.push(p.percent!),
      }),
    ).toBe("stopped");
    const {
      rows: [paused],
    } = await client.query(
      "SELECT state, position::int, upper_bound::int FROM background_tasks WHERE name = 'bt_touch'",
    );
    expect(paused).toMatchObject({ state: "running", upper_bound: 5000 });
    expect(paused.position).toBeGreaterThan(0);
    expect(paused.position).toBeLessThan(5000);
    expect((await listUnfinishedTasks(client)).map((t) => t.name)).toEqual(["bt_touch"]);

    expect(await runBackgroundTasks(scratch.url, { onProgress: (p) => progress.push(p.percent!) })).toBe("done");
    const { rows } = await client.query("SELECT min(touched)::int AS min, max(touched)::int AS max FROM bt_items");
    expect(rows[0]).toEqual({ min: 1, max: 1 });
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const {
      rows: [done],
    } = await client.query("SELECT state, rows_done::int, finished_at FROM background_tasks WHERE name = 'bt_touch'");
    expect(done).toMatchObject({ state: "done", rows_done: 5000 });
    expect(done.finished_at).toBeInstanceOf(Date);
  });

  it("builds an index concurrently (outside a transaction), and only one runner works at a time", async () => {
    await queue(
      "bt_index",
      "statement",
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS "bt_items_touched_idx" ON bt_items (touched)',
    );
    const holder = new pg.Client({ connectionString: scratch.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707370)"); // another server's runner
      expect(await runBackgroundTasks(scratch.url)).toBe("busy");
    } finally {
      await holder.end();
    }
    expect(await runBackgroundTasks(scratch.url)).toBe("done");
    const { rows } = await client.query(
      "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('bt_items_touched_idx')",
    );
    expect(rows).toEqual([{ indisvalid: true }]);
  });

  it("records a failure, and a rerun after the fix completes", async () => {
    await queue("bt_fails", "batches", "UPDATE bt_missing SET x = 1 WHERE id > $1 AND id <= $2", "SELECT 10");
    await expect(runBackgroundTasks(scratch.url)).rejects.toThrow(/bt_missing/);
    const { rows } = await client.query("SELECT state, last_error FROM background_tasks WHERE name = 'bt_fails'");
    expect(rows[0].state).toBe("failed");
    expect(rows[0].last_error).toMatch(/bt_missing/);
    await client.query("CREATE TABLE bt_missing (id int, x int)");
    expect(await runBackgroundTasks(scratch.url)).toBe("done");
  });

  it("leaves work too big for start-up to the server, and does small work during migrate()", async () => {
    await queue("bt_big", "batches", "SELECT $1::bigint, $2::bigint", `SELECT ${INLINE_LIMIT_ROWS * 3}`);
    const result = await migrate(scratch.url);
    expect(result.pending.map((t) => [t.name, t.state, t.percent])).toEqual([["bt_big", "pending", 0]]);
    await client.query("UPDATE background_tasks SET position = upper_bound - 10 WHERE name = 'bt_big'");
    expect((await migrate(scratch.url)).pending).toEqual([]);
  });
});
