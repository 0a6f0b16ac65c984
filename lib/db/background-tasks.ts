import pg from "pg";

// Runs the work migrations queue in background_tasks (see migration
// 20261202080000_background_tasks): a migration stays a quick schema change, and whatever grows
// with the data runs here while the server serves and ingests.
// - "batches": `statement` runs for id ranges ($1, $2], each range committed together with
//   the task's new position, so a stop or crash resumes at the next range. Ranges adapt to
//   take ~BATCH_TARGET_MS, which bounds how long a batch holds the row locks a webhook's
//   status update may wait for.
// - "statement": one statement outside any transaction (CREATE INDEX CONCURRENTLY cannot run
//   in one; a migration runs in one).
// Tasks run one at a time in id order (a later one may need an earlier one's work), by one
// runner across all servers: the runner holds a session advisory lock, which PostgreSQL
// releases if its connection or process dies, so another server can take over.

const RUNNER_LOCK_KEY = 72707370; // next to migrate.ts's key (Prisma's), and distinct from it
const BATCH_TARGET_MS = 250;
const MIN_BATCH = 100;
const MAX_BATCH = 50_000;
const FIRST_BATCH = 1000;
/** Work this small is done by migrate() itself, so a fresh or small install has no backlog. */
export const INLINE_LIMIT_ROWS = 20_000;

export type TaskRow = {
  id: number;
  name: string;
  description: string;
  kind: "batches" | "statement";
  statement: string;
  upper_bound_sql: string | null;
  upper_bound: string | null;
  position: string;
  rows_done: string;
  state: "pending" | "running" | "done" | "failed";
};

export type TaskProgress = {
  name: string;
  description: string;
  state: string;
  /** Ids done and to do (batches); null for a single statement. */
  position: number | null;
  upperBound: number | null;
  rowsDone: number;
  percent: number | null;
};

export type RunOptions = {
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Only do tasks this small (remaining ids of a batches task); leave the rest for the server. */
  onlySmall?: boolean;
  /** Checked between batches: stop early (shutdown), leaving the rest for the next run. */
  shouldStop?: () => boolean;
  /** Pause between batches, so a busy server keeps most of the machine. */
  pauseMs?: number;
  onProgress?: (p: TaskProgress) => void;
};

export type RunResult = "done" | "busy" | "stopped" | "left-for-server";

/** The Prisma client's side of a raw query, for readers that hold it rather than a pool. */
type RawQueryClient = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

/** Whether a task has finished (tasks a migration has not queued yet count as not done). */
export async function isTaskDone(sql: Pick<pg.Pool, "query"> | RawQueryClient, name: string): Promise<boolean> {
  const text = "SELECT state FROM background_tasks WHERE name = $1";
  const rows =
    "query" in sql
      ? (await sql.query<{ state: string }>(text, [name])).rows
      : await sql.$queryRawUnsafe<{ state: string }[]>(text, name);
  return rows[0]?.state === "done";
}

async function hasTaskTable(sql: Pick<pg.Pool, "query">): Promise<boolean> {
  const { rows } = await sql.query<{ t: string | null }>("SELECT to_regclass('background_tasks')::text AS t");
  return rows[0]!.t !== null;
}

export async function listUnfinishedTasks(sql: Pick<pg.Pool, "query">): Promise<TaskProgress[]> {
  if (!(await hasTaskTable(sql))) return [];
  const { rows } = await sql.query<TaskRow>("SELECT * FROM background_tasks WHERE state <> 'done' ORDER BY id");
  return rows.map(progressOf);
}

export function progressOf(t: TaskRow): TaskProgress {
  const position = t.kind === "batches" ? Number(t.position) : null;
  const upperBound = t.upper_bound === null ? null : Number(t.upper_bound);
  const percent =
    t.state === "done"
      ? 100
      : position !== null && upperBound
        ? Math.min(100, Math.floor((position / upperBound) * 100))
        : null;
  return {
    name: t.name,
    description: t.description,
    state: t.state,
    position,
    upperBound,
    rowsDone: Number(t.rows_done),
    percent,
  };
}

/** Runs every unfinished task to the end (or until told to stop). One runner at a time. */
export async function runBackgroundTasks(connectionString: string, options: RunOptions = {}): Promise<RunResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  // A dropped connection must fail this run, not crash the process.
  client.on("error", () => {});
  try {
    if (!(await hasTaskTable(client))) return "done";
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      RUNNER_LOCK_KEY,
    ]);
    if (!rows[0]!.locked) return "busy";
    // Batches are sized to take a fraction of a second; a long one must not be cut by a
    // server-wide statement_timeout, nor wait forever on a lock.
    await client.query("SET statement_timeout = 0");
    await client.query("SET lock_timeout = '10s'");
    let result: RunResult = "done";
    for (;;) {
      const { rows: tasks } = await client.query<TaskRow>(
        "SELECT * FROM background_tasks WHERE state <> 'done' ORDER BY id LIMIT 1",
      );
      const task = tasks[0];
      if (!task) break;
      const outcome = await runTask(client, task, options);
      if (outcome !== "done") {
        result = outcome;
        break;
      }
    }
    return result;
  } finally {
    await client.end().catch(() => {});
  }
}

async function runTask(client: pg.Client, task: TaskRow, options: RunOptions): Promise<RunResult> {
  const log = options.log ?? (() => {});
  if (task.kind === "statement") {
    if (options.onlySmall && !(await tableIsSmall(client, task))) return "left-for-server";
    await dropInvalidIndex(client, task.statement);
    await markStarted(client, task.id);
    try {
      await client.query(task.statement);
    } catch (error) {
      await markFailed(client, task, error);
      throw error;
    }
    await client.query(
      "UPDATE background_tasks SET state = 'done', finished_at = now(), updated_at = now(), last_error = NULL WHERE id = $1",
      [task.id],
    );
    log("background task done", { task: task.name });
    return "done";
  }

  let upper = task.upper_bound === null ? null : Number(task.upper_bound);
  if (upper === null) {
    const { rows } = await client.query<{ bound: string | null }>(`SELECT (${task.upper_bound_sql})::bigint AS bound`);
    upper = Number(rows[0]?.bound ?? 0);
    await client.query("UPDATE background_tasks SET upper_bound = $2, updated_at = now() WHERE id = $1", [
      task.id,
      upper,
    ]);
  }
  let position = Number(task.position);
  let rowsDone = Number(task.rows_done);
  if (options.onlySmall && upper - position > INLINE_LIMIT_ROWS) return "left-for-server";
  await markStarted(client, task.id);
  log("background task started", { task: task.name, description: task.description, position, upperBound: upper });

  let size = FIRST_BATCH;
  let lastLog = Date.now();
  const started = Date.now();
  const report = () => {
    const p = progressOf({
      ...task,
      state: "running",
      position: String(position),
      upper_bound: String(upper),
      rows_done: String(rowsDone),
    });
    options.onProgress?.(p);
    return p;
  };
  while (position < upper) {
    if (options.shouldStop?.()) {
      log("background task paused", { task: task.name, position, upperBound: upper });
      return "stopped";
    }
    const to = Math.min(upper, position + size);
    const t = performance.now();
    try {
      await client.query("BEGIN");
      const r = await client.query(task.statement, [position, to]);
      await client.query(
        "UPDATE background_tasks SET position = $2, rows_done = rows_done + $3, updated_at = now() WHERE id = $1",
        [task.id, to, r.rowCount ?? 0],
      );
      await client.query("COMMIT");
      rowsDone += r.rowCount ?? 0;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      await markFailed(client, task, error).catch(() => {});
      throw error;
    }
    position = to;
    const ms = performance.now() - t;
    size = Math.round(
      Math.min(MAX_BATCH, Math.max(MIN_BATCH, size * clamp(BATCH_TARGET_MS / Math.max(ms, 1), 0.5, 2))),
    );
    report();
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      const p = report();
      log("background task progress", {
        task: task.name,
        percent: p.percent,
        position,
        upperBound: upper,
        rowsChanged: rowsDone,
      });
    }
    if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
  }
  await client.query(
    "UPDATE background_tasks SET state = 'done', finished_at = now(), updated_at = now(), last_error = NULL WHERE id = $1",
    [task.id],
  );
  log("background task done", {
    task: task.name,
    rowsChanged: rowsDone,
    seconds: Math.round((Date.now() - started) / 1000),
  });
  return "done";
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

async function markStarted(client: pg.Client, id: number) {
  await client.query(
    `UPDATE background_tasks SET state = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), updated_at = now()
     WHERE id = $1`,
    [id],
  );
}

async function markFailed(client: pg.Client, task: TaskRow, error: unknown) {
  await client.query(
    "UPDATE background_tasks SET state = 'failed', last_error = $2, updated_at = now() WHERE id = $1",
    [task.id, error instanceof Error ? error.message : String(error)],
  );
}

/** A statement task (an index build, say) is small when its table is: `-- table: name` in it says which. */
async function tableIsSmall(client: pg.Client, task: TaskRow): Promise<boolean> {
  const table = /--\s*table:\s*([a-z_][a-z0-9_]*)/i.exec(task.statement)?.[1];
  if (!table) return true;
  const { rows } = await client.query<{ n: number | null }>(
    "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)",
    [table],
  );
  return (rows[0]?.n ?? 0) <= INLINE_LIMIT_ROWS;
}

/** An interrupted CREATE INDEX CONCURRENTLY leaves an invalid index behind, which a rerun
 * with IF NOT EXISTS would keep: drop it first, so the rerun builds it again. */
async function dropInvalidIndex(client: pg.Client, statement: string) {
  const name =
    /CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)"?/i.exec(
      statement,
    )?.[1];
  if (!name) return;
  const { rows } = await client.query<{ invalid: boolean }>(
    "SELECT NOT i.indisvalid AS invalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)",
    [name],
  );
  if (rows[0]?.invalid) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${client.escapeIdentifier(name)}`);
}
