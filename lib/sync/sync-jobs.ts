import type pg from "pg";
import type { SqlRunner } from "@/lib/db/pg-pool";

// The import job's row (sync_jobs): created once per request (a second request while one is
// queued or running gets that one), claimed under a lease by whichever process runs it (the
// server's sync worker, `npm run sendblue:import`, the cron route), and resumable from its
// cursor by the next holder when a process dies.

export type ImportJob = {
  id: number;
  state: "queued" | "running" | "done" | "failed" | "cancelled";
  since: Date | null;
  line: string | null;
  cursorAt: Date | null;
  cursorSkip: number;
  total: number | null;
  pages: number;
  requests: number;
  fetched: number;
  stored: number;
  known: number;
  failed: number;
  badPages: number;
  rateWaits: number;
  rateWaitMs: number;
  contactsNamed: number;
  contactsDone: boolean;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const COLUMNS = `id, state, since, line, cursor_at AS "cursorAt", cursor_skip AS "cursorSkip", total, pages, requests,
  fetched, stored, known, failed, bad_pages AS "badPages", rate_waits AS "rateWaits", rate_wait_ms AS "rateWaitMs",
  contacts_named AS "contactsNamed", contacts_done AS "contactsDone", lease_owner AS "leaseOwner",
  lease_until AS "leaseUntil", error, created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

export const JOB_LEASE_MS = 60_000;

/** The active import, or a new one. An advisory lock keeps two requests from making two. */
export async function requestImport(
  pool: pg.Pool,
  input: { since?: Date | null; line?: string | null; userId?: number | null },
): Promise<{ job: ImportJob; created: boolean }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('inbox_sync_import'))");
    const active = await client.query<ImportJob>(
      `SELECT ${COLUMNS} FROM sync_jobs WHERE state IN ('queued', 'running') ORDER BY id LIMIT 1`,
    );
    if (active.rows[0]) {
      await client.query("COMMIT");
      return { job: active.rows[0], created: false };
    }
    const { rows } = await client.query<ImportJob>(
      `INSERT INTO sync_jobs (since, line, created_by_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [input.since ?? null, input.line ?? null, input.userId ?? null],
    );
    await client.query("COMMIT");
    return { job: rows[0]!, created: true };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Takes the oldest runnable import (or `id`) whose lease is free or expired. */
export async function claimImport(sql: SqlRunner, owner: string, id?: number): Promise<ImportJob | null> {
  const { rows } = await sql.query<ImportJob>(
    `UPDATE sync_jobs j SET state = 'running', lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond',
       started_at = coalesce(j.started_at, now()), error = NULL, updated_at = now()
     FROM (SELECT id FROM sync_jobs
           WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
             AND ($3::int IS NULL OR id = $3)
           ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) due
     WHERE j.id = due.id
     RETURNING ${COLUMNS.replace(/(^|,\s*)(\w+)/g, "$1j.$2")}`,
    [owner, JOB_LEASE_MS, id ?? null],
  );
  return rows[0] ?? null;
}

/** What one page moves: the job's cursor and counters (total only when the page reported one). */
export type JobProgress = Pick<
  ImportJob,
  | "cursorAt"
  | "cursorSkip"
  | "pages"
  | "requests"
  | "fetched"
  | "stored"
  | "known"
  | "failed"
  | "badPages"
  | "rateWaits"
  | "rateWaitMs"
> & { total?: number | null };

/** Inside a page's transaction: moves the cursor and adds the counts, if the lease is still ours. */
export async function advanceImport(client: SqlRunner, id: number, owner: string, p: JobProgress): Promise<boolean> {
  const { rowCount } = await client.query({
    name: "inbox_advance_import",
    text: `UPDATE sync_jobs SET cursor_at = $3, cursor_skip = $4, total = coalesce(total, $5), pages = pages + $6,
             requests = requests + $7, fetched = fetched + $8, stored = stored + $9, known = known + $10,
             failed = failed + $11, bad_pages = bad_pages + $12, rate_waits = rate_waits + $13,
             rate_wait_ms = rate_wait_ms + $14, lease_until = now() + $15 * interval '1 millisecond', updated_at = now()
           WHERE id = $1 AND lease_owner = $2 AND state = 'running'`,
    values: [
      id,
      owner,
      p.cursorAt,
      p.cursorSkip,
      p.total ?? null,
      p.pages,
      p.requests,
      p.fetched,
      p.stored,
      p.known,
      p.failed,
      p.badPages,
      p.rateWaits,
      Math.round(p.rateWaitMs),
      JOB_LEASE_MS,
    ],
  });
  return rowCount === 1;
}

export async function finishImport(
  sql: SqlRunner,
  id: number,
  owner: string,
  state: "done" | "failed",
  error: string | null = null,
) {
  await sql.query(
    `UPDATE sync_jobs SET state = $3, error = $4, finished_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
     WHERE id = $1 AND lease_owner = $2`,
    [id, owner, state, error],
  );
}

/** Stops without finishing (a deadline, a shutdown, an error worth retrying): the next claim resumes. */
export async function releaseImport(
  sql: SqlRunner,
  id: number,
  owner: string,
  error: string | null = null,
  retryInMs = 0,
) {
  await sql.query(
    `UPDATE sync_jobs SET lease_owner = NULL, lease_until = CASE WHEN $4 > 0 THEN now() + $4 * interval '1 millisecond' END,
       error = $3, updated_at = now()
     WHERE id = $1 AND lease_owner = $2`,
    [id, owner, error, retryInMs],
  );
}

export async function getImport(sql: SqlRunner, id: number): Promise<ImportJob | null> {
  const { rows } = await sql.query<ImportJob>(`SELECT ${COLUMNS} FROM sync_jobs WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function latestImport(sql: SqlRunner): Promise<ImportJob | null> {
  const { rows } = await sql.query<ImportJob>(`SELECT ${COLUMNS} FROM sync_jobs ORDER BY id DESC LIMIT 1`);
  return rows[0] ?? null;
}

export async function hasRunnableImport(sql: SqlRunner): Promise<boolean> {
  const { rows } = await sql.query(
    "SELECT 1 FROM sync_jobs WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now()) LIMIT 1",
  );
  return rows.length > 0;
}
