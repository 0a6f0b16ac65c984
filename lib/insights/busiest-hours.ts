import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, localStart, messagesInScope } from "./insights-scope";
import { rollupAnswers, rollupInScope } from "./message-rollup";

// When customers write: inbound messages by weekday and hour on the viewer's wall clock
// (the hour a message arrived in, so 9:59 counts in 9 and a DST day's repeated hour twice).

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** counts[weekday][hour]: Monday first (ISO), hours 0–23. */
export type HourGrid = number[][];

type Row = { weekday: number; hour: number; n: number };

export async function busiestHours(db: Db, scope: InsightsScope): Promise<HourGrid> {
  return (await rollupAnswers(db, scope)) ? busiestHoursFromRollup(db, scope) : busiestHoursFromMessages(db, scope);
}

/** The exact definition, over the messages themselves. */
export async function busiestHoursFromMessages(db: Db, scope: InsightsScope): Promise<HourGrid> {
  const rows = await insightsSql<Row>(
    db,
    Prisma.sql`
    SELECT extract(isodow FROM t)::int AS weekday, extract(hour FROM t)::int AS hour, sum(n)::int AS n
    FROM (SELECT h AT TIME ZONE ${scope.timeZone} AS t, n
          FROM (SELECT ${localStart("hour", Prisma.sql`m.sent_at`, scope.timeZone)} AS h, count(*) AS n
                FROM ${messagesInScope(scope)} AND m.direction = 'inbound'
                GROUP BY 1) hours) x
    GROUP BY 1, 2`,
  );
  return grid(rows);
}

/** From message_rollup: each UTC hour is one hour of the viewer's clock (rollupAnswers checks). */
export async function busiestHoursFromRollup(db: Db, scope: InsightsScope): Promise<HourGrid> {
  const rows = await insightsSql<Row>(
    db,
    Prisma.sql`
    SELECT extract(isodow FROM t)::int AS weekday, extract(hour FROM t)::int AS hour, sum(n)::int AS n
    FROM (SELECT r.hour AT TIME ZONE ${scope.timeZone} AS t,
                 sum(r.inbound_imessage + r.inbound_sms + r.inbound_rcs + r.inbound_other) AS n
          FROM ${rollupInScope(scope)}
          GROUP BY r.hour) x
    GROUP BY 1, 2`,
  );
  return grid(rows);
}

function grid(rows: Row[]): HourGrid {
  const g = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  for (const r of rows) g[r.weekday - 1]![r.hour] = r.n;
  return g;
}
