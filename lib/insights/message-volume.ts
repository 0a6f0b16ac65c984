import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, localDayText, localStart, messagesInScope } from "./insights-scope";

// Messages in and out per day of the viewer's calendar, by service. Tapbacks are not
// messages (they live in reactions) and are not counted.

export const SERVICES = ["iMessage", "SMS", "RCS", "other"] as const;
export type Service = (typeof SERVICES)[number];
export type ServiceCounts = Record<Service, number>;
export type VolumeDay = { day: string; inbound: ServiceCounts; outbound: ServiceCounts };

const zero = (): ServiceCounts => ({ iMessage: 0, SMS: 0, RCS: 0, other: 0 });

/** One row per day of `days` (zeros included), oldest first. */
export async function messageVolume(db: Db, scope: InsightsScope, days: string[]): Promise<VolumeDay[]> {
  const rows = await insightsSql<{ day: string; direction: "inbound" | "outbound"; service: Service; n: number }>(
    db,
    Prisma.sql`
    SELECT ${localDayText(Prisma.sql`day`, scope.timeZone)} AS day, direction, service, n FROM (
      SELECT ${localStart("day", Prisma.sql`m.sent_at`, scope.timeZone)} AS day, m.direction::text AS direction,
             CASE WHEN m.service IN ('iMessage', 'SMS', 'RCS') THEN m.service ELSE 'other' END AS service,
             count(*)::int AS n
      FROM ${messagesInScope(scope)}
      GROUP BY 1, 2, 3) t`,
  );
  const byDay = new Map(days.map((day) => [day, { day, inbound: zero(), outbound: zero() }]));
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) d[r.direction][r.service] += r.n;
  }
  return [...byDay.values()];
}
