import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, localDayText, localStart, messagesInScope } from "./insights-scope";
import { rollupAnswers, rollupInScope } from "./message-rollup";

// Messages in and out per day of the viewer's calendar, by service. Tapbacks are not
// messages (they live in reactions) and are not counted. Read from message_rollup when it
// answers the range (lib/insights/message-rollup.ts), else counted from the messages.

export const SERVICES = ["iMessage", "SMS", "RCS", "other"] as const;
export type Service = (typeof SERVICES)[number];
export type ServiceCounts = Record<Service, number>;
export type VolumeDay = { day: string; inbound: ServiceCounts; outbound: ServiceCounts };

const zero = (): ServiceCounts => ({ iMessage: 0, SMS: 0, RCS: 0, other: 0 });

type Row = { day: string; direction: "inbound" | "outbound"; service: Service; n: number };

/** One row per day of `days` (zeros included), oldest first. */
export async function messageVolume(db: Db, scope: InsightsScope, days: string[]): Promise<VolumeDay[]> {
  return (await rollupAnswers(db, scope))
    ? messageVolumeFromRollup(db, scope, days)
    : messageVolumeFromMessages(db, scope, days);
}

/** The exact definition, over the messages themselves. */
export async function messageVolumeFromMessages(db: Db, scope: InsightsScope, days: string[]): Promise<VolumeDay[]> {
  const rows = await insightsSql<Row>(
    db,
    Prisma.sql`
    SELECT ${localDayText(Prisma.sql`day`, scope.timeZone)} AS day, direction, service, n FROM (
      SELECT ${localStart("day", Prisma.sql`m.sent_at`, scope.timeZone)} AS day, m.direction::text AS direction,
             CASE WHEN m.service IN ('iMessage', 'SMS', 'RCS') THEN m.service ELSE 'other' END AS service,
             count(*)::int AS n
      FROM ${messagesInScope(scope)}
      GROUP BY 1, 2, 3) t`,
  );
  return byDay(rows, days);
}

/** From message_rollup: right only once its backfill is done, and for a range rollupAnswers accepts. */
export async function messageVolumeFromRollup(db: Db, scope: InsightsScope, days: string[]): Promise<VolumeDay[]> {
  const rows = await insightsSql<Row>(
    db,
    Prisma.sql`
    SELECT ${localDayText(Prisma.sql`d.day`, scope.timeZone)} AS day, v.direction, v.service, v.n::int AS n
    FROM (SELECT ${localStart("day", Prisma.sql`h.hour`, scope.timeZone)} AS day,
                 sum(ii) AS ii, sum(isms) AS isms, sum(ircs) AS ircs, sum(io) AS io,
                 sum(oi) AS oi, sum(osms) AS osms, sum(orcs) AS orcs, sum(oo) AS oo
          FROM (SELECT r.hour, sum(r.inbound_imessage) AS ii, sum(r.inbound_sms) AS isms, sum(r.inbound_rcs) AS ircs,
                       sum(r.inbound_other) AS io, sum(r.outbound_imessage) AS oi, sum(r.outbound_sms) AS osms,
                       sum(r.outbound_rcs) AS orcs, sum(r.outbound_other) AS oo
                FROM ${rollupInScope(scope)}
                GROUP BY r.hour) h
          GROUP BY 1) d
    CROSS JOIN LATERAL (VALUES ('inbound', 'iMessage', d.ii), ('inbound', 'SMS', d.isms), ('inbound', 'RCS', d.ircs),
                               ('inbound', 'other', d.io), ('outbound', 'iMessage', d.oi), ('outbound', 'SMS', d.osms),
                               ('outbound', 'RCS', d.orcs), ('outbound', 'other', d.oo)) v(direction, service, n)`,
  );
  return byDay(rows, days);
}

function byDay(rows: Row[], days: string[]): VolumeDay[] {
  const out = new Map(days.map((day) => [day, { day, inbound: zero(), outbound: zero() }]));
  for (const r of rows) {
    const d = out.get(r.day);
    if (d) d[r.direction][r.service] += r.n;
  }
  return [...out.values()];
}
