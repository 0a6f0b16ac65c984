// `npm run media:backfill`: copies every attachment still pending or failed, now, with a
// progress bar. Failed ones get a fresh retry budget; expired ones are gone at the source.
import { SingleBar, Presets } from "cli-progress";
import { createDb } from "@/lib/db/client";
import { EnvError } from "@/lib/env";
import { countOutstanding, requeueAll } from "@/lib/media/queue";
import { drainMediaQueue } from "@/lib/media/worker";
import { openAppDatabase } from "./lib/database";

const log = (line: string) => console.log(`[media:backfill] ${line}`);

async function main() {
  const database = await openAppDatabase(log);
  const db = createDb(database.url, 4);
  try {
    const requeued = await requeueAll(db);
    const total = await countOutstanding(db);
    log(`${total} attachments to copy (${requeued} of them had failed before)`);
    const bar = new SingleBar(
      {
        format:
          "[media:backfill] {bar} {value}/{total} | kept {kept} | retry later {pending} | failed {failed} | expired {expired}",
        // Still report progress when logs go to a file or a CI console.
        noTTYOutput: true,
        notTTYSchedule: 2000,
      },
      Presets.shades_classic,
    );
    const tally = { kept: 0, pending: 0, failed: 0, expired: 0 };
    bar.start(total, 0, tally);
    // Each attachment gets one try per backfill run: a transient failure waits out its
    // backoff for the worker instead of holding this command.
    const result = await drainMediaQueue(db, {
      concurrency: 4,
      onBatch: (r) => {
        tally.kept += r.kept;
        tally.pending += r.pending;
        tally.failed += r.failed;
        tally.expired += r.expired;
        bar.increment(r.claimed, tally);
      },
    });
    bar.stop();
    log(
      `done: ${result.kept} kept, ${result.failed} failed, ${result.expired} expired, ${result.pending} will be retried by the worker`,
    );
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[media:backfill] ${(error as Error).stack}`);
  process.exit(1);
});
