import type pg from "pg";
import { log } from "@/lib/http/log";
import { importContacts } from "./import-contacts";
import { ingestMessages, messagePageSchema, nextCursor, PageAborted, recordBadPage } from "./ingest-page";
import type { ReadApi, ReadResponse } from "./read-api";
import { advanceImport, finishImport, getImport, releaseImport, type ImportJob, type JobProgress } from "./sync-jobs";

// Runs a claimed import job: pages through `GET /api/v2/messages` oldest first
// (order_by=sentAt asc, sent_at_gte=<cursor>), ingesting each page in one transaction that
// also moves the job's cursor, then fills contact names. The next page is requested while
// the current one is being stored, so the rate limit, not the database, sets the pace.
// Stops early (lease kept resumable) at `deadline` or when `signal` aborts.

export const PAGE_SIZE = 100;

export type ImportRunOptions = {
  owner: string;
  deadline?: number;
  signal?: AbortSignal;
  onProgress?: (job: ImportJob) => void;
  /** Called after each page with what the media mirror should know (wake it when media came). */
  onMedia?: () => void;
  pageSize?: number;
  /** How many pages may be stored at once (default 1; each more needs a connection). Pages of
   * one account share conversations, so side by side they mostly wait on each other's row
   * locks and deadlock (40P01, retried); measured slower than one at a time. */
  depth?: number;
};

type Fetched = { response: ReadResponse; receivedAt: Date } | { error: Error };

export async function runImport(
  deps: { pool: pg.Pool; api: ReadApi },
  job: ImportJob,
  o: ImportRunOptions,
): Promise<ImportJob> {
  const pageSize = o.pageSize ?? PAGE_SIZE;
  // Waits and request counts since the last commit, added with the next page.
  const pending = { requests: 0, rateWaits: 0, rateWaitMs: 0 };
  const onWait = (ms: number) => {
    pending.rateWaits++;
    pending.rateWaitMs += ms;
  };
  const fetchPage = (cursor: { at: Date | null; skip: number }): Promise<Fetched> => {
    pending.requests++;
    return deps.api
      .listMessages(
        {
          order_by: "sentAt",
          order_direction: "asc",
          limit: pageSize,
          offset: cursor.skip || undefined,
          sent_at_gte: (cursor.at ?? job.since)?.toISOString(),
          sendblue_number: job.line ?? undefined,
        },
        onWait,
      )
      .then((response) => ({ response, receivedAt: new Date() }))
      .catch((error: Error) => ({ error }));
  };
  const stopNow = () => o.signal?.aborted || (o.deadline !== undefined && Date.now() > o.deadline);
  const take = () => {
    const p = { ...pending };
    pending.requests = pending.rateWaits = pending.rateWaitMs = 0;
    return p;
  };

  let cursor = { at: job.cursorAt, skip: job.cursorSkip };
  let done = false;
  // Up to `depth` pages are being stored at once (the next is fetched meanwhile); the cursor
  // steps through them in order.
  const depth = o.depth ?? 1;
  const inFlight: Promise<unknown>[] = [];
  let previous: Promise<unknown> = Promise.resolve();
  const drain = async () => {
    const all = await Promise.allSettled(inFlight.splice(0));
    const failed = all.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  };
  try {
    let next: Promise<Fetched> | null = fetchPage(cursor);
    while (next) {
      const fetched: Fetched = await next;
      next = null;
      if ("error" in fetched) throw fetched.error;
      const { response, receivedAt } = fetched;
      const page = { source: "import" as const, type: "sendblue_messages_page", raw: response.body, receivedAt };
      const parsed = parsePage(response.body);
      if (!parsed) {
        // Not what the API documents: keep it raw, count it, and step over one page's worth.
        await drain();
        const after = { at: cursor.at, skip: cursor.skip + pageSize };
        await recordBadPage(deps.pool, page, "not a page of messages ({ data: [...], pagination })", async (client) => {
          await mustAdvance(client, job, o.owner, {
            ...zero(),
            ...take(),
            cursorAt: after.at,
            cursorSkip: after.skip,
            badPages: 1,
          });
        });
        cursor = after;
        if (!stopNow()) next = fetchPage(cursor);
        continue;
      }
      const after = nextCursor(cursor, parsed.data, "date_sent");
      const more = parsed.pagination?.hasMore ?? parsed.data.length >= pageSize;
      if (more && !stopNow()) next = fetchPage(after);
      const total = job.total === null ? (parsed.pagination?.total ?? null) : null;
      const stored = ingestMessages(deps.pool, { ...page, quiet: true, messages: parsed.data });
      stored.catch(() => {}); // observed through the chain below
      // Pages are stored side by side, but the cursor moves in page order, each step only
      // once that page has committed, so it never passes a page that failed. (A crash
      // between a page's commit and its step re-reads that page on resume: a no-op.) The
      // step is its own statement: a page waiting inside its transaction for an earlier
      // one could hold locks that earlier page needs.
      const task = (previous = previous.then(async () => {
        const c = await stored;
        await mustAdvance(deps.pool, job, o.owner, {
          ...zero(),
          ...take(),
          cursorAt: after.at,
          cursorSkip: after.skip,
          total,
          pages: 1,
          fetched: c.fetched,
          stored: c.stored,
          known: c.known,
          failed: c.failed,
        });
        if (c.hasMedia) o.onMedia?.();
        const fresh = await getImport(deps.pool, job.id);
        if (fresh) o.onProgress?.(fresh);
      }));
      task.catch(() => {}); // observed by drain(); no unhandled rejection meanwhile
      inFlight.push(task);
      cursor = after;
      if (!more) done = true;
      if (inFlight.length >= depth) await inFlight.shift();
    }
    await drain();
    job = (await getImport(deps.pool, job.id)) ?? job;
    if (!done) {
      await releaseImport(deps.pool, job.id, o.owner);
      return (await getImport(deps.pool, job.id)) ?? job;
    }
    if (!job.contactsDone) {
      const contacts = await importContacts(deps.pool, deps.api, {
        source: "import",
        onWait,
        onRequest: () => void pending.requests++,
      });
      const p = take();
      await deps.pool.query(
        `UPDATE sync_jobs SET contacts_named = contacts_named + $3, contacts_done = true, requests = requests + $4,
           rate_waits = rate_waits + $5, rate_wait_ms = rate_wait_ms + $6, updated_at = now()
         WHERE id = $1 AND lease_owner = $2`,
        [job.id, o.owner, contacts.named, p.requests, p.rateWaits, Math.round(p.rateWaitMs)],
      );
    }
    // Conversations this import created start Done unless their last message is inbound and
    // under a week old (migration 20261202160000_imports_start_done).
    if (job.startedAt) await deps.pool.query("SELECT inbox_settle_imported_states($1)", [job.startedAt]);
    await finishImport(deps.pool, job.id, o.owner, "done");
  } catch (error) {
    await Promise.allSettled(inFlight);
    if (error instanceof PageAborted) return (await getImport(deps.pool, job.id)) ?? job;
    const message = error instanceof Error ? error.message : String(error);
    log("warn", "history import stopped; it resumes from its last page", { jobId: job.id, error: message });
    // Kept running: the next claim (after a short pause) continues from the cursor.
    await releaseImport(deps.pool, job.id, o.owner, message.slice(0, 1000), 30_000);
  }
  job = (await getImport(deps.pool, job.id)) ?? job;
  o.onProgress?.(job);
  return job;
}

function parsePage(raw: Buffer) {
  try {
    const r = messagePageSchema.safeParse(JSON.parse(raw.toString("utf8")));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function zero(): Omit<JobProgress, "cursorAt" | "cursorSkip"> {
  return {
    pages: 0,
    requests: 0,
    fetched: 0,
    stored: 0,
    known: 0,
    failed: 0,
    badPages: 0,
    rateWaits: 0,
    rateWaitMs: 0,
  };
}

async function mustAdvance(client: Pick<pg.Pool, "query">, job: ImportJob, owner: string, p: JobProgress) {
  if (!(await advanceImport(client, job.id, owner, p))) {
    throw new PageAborted(`import ${job.id} is no longer ours (cancelled, or its lease passed to another process)`);
  }
}
