import type { Db } from "@/lib/db/client";
import { type InsightsScope, messagesInScope } from "./insights-scope";

// When customers write: inbound messages by weekday and hour on the viewer's wall clock
// (the hour a message arrived in, so 9:59 counts in 9 and a DST day's repeated hour twice).

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** counts[weekday][hour]: Monday first (ISO), hours 0–23. */
export type HourGrid = number[][];

export async function busiestHours(db: Db, scope: InsightsScope): Promise<HourGrid> {
  const rows = await db.$queryRaw<{ weekday: number; hour: number; n: number }[]>`
    SELECT extract(isodow FROM t)::int AS weekday, extract(hour FROM t)::int AS hour, count(*)::int AS n
    FROM (SELECT m.sent_at AT TIME ZONE ${scope.timeZone} AS t
          FROM ${messagesInScope(scope)} AND m.direction = 'inbound') x
    GROUP BY 1, 2`;
  const grid = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  for (const r of rows) grid[r.weekday - 1]![r.hour] = r.n;
  return grid;
}
