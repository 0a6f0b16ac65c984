import { isTaskDone } from "@/lib/db/background-tasks";
import type { Db } from "@/lib/db/client";
import { taskDoneCached } from "@/lib/db/task-done-cache";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InsightsScope } from "./insights-scope";

// message_rollup (migration 20261206100000_message_rollup): the messages' counts per UTC hour
// and line that messages per day, delivery outcomes, top error codes and busiest hours read
// instead of the messages, once the upgrade's backfill is done. Each chart keeps its exact
// query over the messages as the fallback (and as the tests' oracle).
//
// Why UTC hours, and what they cannot answer: the viewer's days and hours are read off the
// bucket's start, which is only right when a bucket lies within one hour of the viewer's
// clock, i.e. when the zone's offset is a whole number of hours throughout the range. That
// holds for the zones of nearly every viewer (all of the Americas but Newfoundland, Europe,
// Africa, most of Asia and Oceania), across their DST changes. India, Iran, Afghanistan,
// Myanmar, Sri Lanka, Nepal, Newfoundland, central Australia and the Chatham Islands are
// offset by :30 or :45: quarter-hour buckets would serve them too, but would hold the same
// counts in ~4× the rows for every reader (at 1 M messages a 90-day range is ~10,000 hour
// rows on four lines, against ~82,000 messages). Those zones, and any range that meets an odd
// historical offset, get the exact queries instead: the same numbers, at the old speed.

export const MESSAGE_ROLLUP_TASK = "message_rollup_backfill";

const HOUR_MS = 3_600_000;
const COLUMNS = Prisma.raw(`hour, line_id, error_code, error_message, inbound_imessage, inbound_sms, inbound_rcs,
  inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered, sent_only, failed,
  pending, downgraded`);

/** Whether the rollup answers `scope` exactly: its backfill is done, and every hour of the range is one hour of the zone's clock. */
export async function rollupAnswers(db: Db, scope: InsightsScope): Promise<boolean> {
  const [done, aligned] = await Promise.all([
    taskDoneCached(db, MESSAGE_ROLLUP_TASK, () => isTaskDone(db, MESSAGE_ROLLUP_TASK)),
    hoursAligned(db, scope),
  ]);
  return done && aligned;
}

// Whether a zone keeps whole-hour offsets over a range depends on the zone database alone:
// asked of PostgreSQL (whose zone data the exact queries use) once per zone and range.
const alignedCache = new Map<string, Promise<boolean>>();
const ALIGNED_CACHE_SIZE = 500;

/** True when [from, to) starts and ends on UTC hours and each UTC hour in it starts and ends within one local hour. */
export function hoursAligned(db: Db, scope: InsightsScope): Promise<boolean> {
  const from = scope.from.getTime();
  const to = scope.to.getTime();
  if (from % HOUR_MS !== 0 || to % HOUR_MS !== 0) return Promise.resolve(false);
  const key = `${scope.timeZone}|${from}|${to}`;
  let aligned = alignedCache.get(key);
  if (!aligned) {
    if (alignedCache.size >= ALIGNED_CACHE_SIZE) alignedCache.clear();
    aligned = db.$queryRaw<{ aligned: boolean }[]>`
      SELECT coalesce(bool_and(date_trunc('hour', b, ${scope.timeZone}) = b
               AND date_trunc('hour', b + interval '1 hour' - interval '1 millisecond', ${scope.timeZone}) = b), true) AS aligned
      FROM generate_series(to_timestamp(${from / 1000}::float8), to_timestamp(${to / 1000}::float8) - interval '1 hour',
                           interval '1 hour') b`.then(
      (rows) => rows[0]!.aligned,
      (error: unknown) => {
        alignedCache.delete(key);
        throw error;
      },
    );
    alignedCache.set(key, aligned);
  }
  return aligned;
}

/**
 * `FROM … WHERE` the rollup's rows and its unfolded deltas in the range (on the line), as
 * one relation `r` with message_rollup's columns: both are read in one statement, so one
 * snapshot, so a fold moving deltas into rows meanwhile neither loses nor doubles any. The
 * deltas have no index to keep up on ingest: each ingest batch folds them, so they are the
 * last moments' writes, read in one pass.
 */
export function rollupInScope(s: InsightsScope): Prisma.Sql {
  const line = s.lineId ? Prisma.sql`AND r.line_id = ${s.lineId}` : Prisma.empty;
  return Prisma.sql`(SELECT ${COLUMNS} FROM message_rollup UNION ALL SELECT ${COLUMNS} FROM message_rollup_deltas) r
    WHERE r.hour >= ${s.from} AND r.hour < ${s.to} ${line}`;
}
