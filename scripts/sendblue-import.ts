// `npm run sendblue:import -- [--since 2024-01-01] [--line +1…]`: imports the account's
// message history from Sendblue (GET /api/v2/messages) into the inbox's database, with a
// progress bar. It creates the import job (or joins the one already queued or running),
// runs it here, and resumes where it stopped if interrupted; if a server already runs it,
// this follows its progress instead.
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { createPgPool } from "@/lib/db/pg-pool";
import { EnvError } from "@/lib/env";
import { runImport } from "@/lib/sync/run-import";
import { createSyncDeps, leaseOwnerId } from "@/lib/sync/sync-deps";
import { claimImport, getImport, requestImport, type ImportJob } from "@/lib/sync/sync-jobs";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[sendblue:import] ${line}`);

const { values } = parseArgs({ options: { since: { type: "string" }, line: { type: "string" } } });

async function main() {
  const since = values.since ? new Date(values.since) : null;
  if (since && Number.isNaN(since.getTime()))
    throw new EnvError(`--since must be a date such as 2024-01-01 (got ${values.since})`);
  const database = await openAppDatabase(log);
  const pool = createPgPool(database.url, 4);
  const deps = createSyncDeps(pool);
  if (!deps) throw new EnvError("Set SENDBLUE_API_KEY_ID and SENDBLUE_API_SECRET to import from Sendblue");
  const owner = leaseOwnerId("cli");
  const stop = new AbortController();
  process.once("SIGINT", () => {
    log("stopping after the current page; run again to resume");
    stop.abort();
  });
  const bar = new SingleBar(
    {
      format:
        "[sendblue:import] {bar} {value}/{total} | stored {stored} | already known {known} | failed {failed} | rate-limit waits {waits} ({waitS} s)",
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  const show = (job: ImportJob) => {
    bar.setTotal(Math.max(job.total ?? job.fetched, job.fetched));
    bar.update(job.fetched, {
      stored: job.stored,
      known: job.known,
      failed: job.failed,
      waits: job.rateWaits,
      waitS: Math.round(job.rateWaitMs / 1000),
    });
  };
  try {
    const { job, created } = await requestImport(pool, { since, line: values.line ?? null });
    log(
      `${created ? "started" : "continuing"} import #${job.id}${job.since ? ` of messages since ${job.since.toISOString()}` : " of the whole history"}${job.line ? ` on ${job.line}` : ""}`,
    );
    bar.start(job.total ?? 0, 0, { stored: 0, known: 0, failed: 0, waits: 0, waitS: 0 });
    let end: ImportJob | null = null;
    while (!stop.signal.aborted) {
      const claimed = await claimImport(pool, owner, job.id);
      if (claimed) {
        end = await runImport(deps, claimed, { owner, signal: stop.signal, onProgress: show });
        if (end.state !== "running" || stop.signal.aborted) break;
        if (end.error) await new Promise((r) => setTimeout(r, 5000));
        continue;
      }
      // Someone else (the server's sync worker) holds it: follow along.
      end = await getImport(pool, job.id);
      if (!end || (end.state !== "running" && end.state !== "queued")) break;
      show(end);
      await new Promise((r) => setTimeout(r, 1000));
    }
    bar.stop();
    if (end) {
      log(
        `import #${end.id} ${end.state}: ${end.fetched} fetched, ${end.stored} stored, ${end.known} already known, ${end.failed} failed, ${end.badPages} bad pages skipped, ${end.contactsNamed} contacts named; ${end.requests} API requests, ${end.rateWaits} rate-limit waits (${Math.round(end.rateWaitMs / 1000)} s)${end.error ? `; last error: ${end.error}` : ""}`,
      );
    }
  } finally {
    await pool.end();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[sendblue:import] ${(error as Error).stack}`);
  process.exit(1);
});
