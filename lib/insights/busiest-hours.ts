import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, localStart, messagesInScope } from "./insights-scope";

// When customers write: inbound messages by weekday and hour on the viewer's wall clock
// (the hour a message arrived in, so 9:59 counts in 9 and a DST day's repeated hour twice).

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** counts[weekday][hour]: Monday first (ISO), hours 0–23. */
export type HourGrid = number[][];

export async function busiestHours(db: Db, scope: InsightsScope): Promise<HourGrid> {
  const rows = await insightsSql<{ weekday: number; hour: number; n: number }>(
    db,
    Prisma.sql`
    SELECT extract(isodow FROM t)::int AS weekday, extract(hour FROM t)::int AS hour, sum(n)::int AS n
    FROM (SELECT h AT TIME ZONE ${scope.timeZone} AS t, n
          FROM (SELECT ${localStart("hour", Prisma.sql`m.sent_at`, scope.timeZone)} AS h, count(*) AS n
                FROM ${messagesInScope(scope)} AND m.direction = 'inbound'
                GROUP BY 1) hours) x
    GROUP BY 1, 2`,
  );
  const grid = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  for (const r of rows) grid[r.weekday - 1]![r.hour] = r.n;
  return grid;
}
