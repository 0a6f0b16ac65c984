import { Prisma } from "@/lib/generated/prisma/client";

// What every Insights query is asked: instants [from, to), one line or all, and the zone
// days and hours are read in (lib/insights/insights-range.ts makes them from calendar days).

export type InsightsScope = { from: Date; to: Date; lineId?: number | null; timeZone: string };

/**
 * `FROM messages m … WHERE` the message was sent in the range (on the line): the range
 * is served by messages_sent_at_id_idx; a line adds a join to its conversations.
 */
export function messagesInScope(s: InsightsScope): Prisma.Sql {
  return s.lineId
    ? Prisma.sql`messages m JOIN conversations c ON c.id = m.conversation_id AND c.line_id = ${s.lineId}
        WHERE m.sent_at >= ${s.from} AND m.sent_at < ${s.to}`
    : Prisma.sql`messages m WHERE m.sent_at >= ${s.from} AND m.sent_at < ${s.to}`;
}

/**
 * The instant `column`'s day (or hour) began on the viewer's wall clock. Group by this, then
 * read the few groups in the zone (localDayText): date_trunc with a zone costs a fraction of
 * converting every row with AT TIME ZONE. Every zone's offset is a whole number of
 * quarter hours, so an hour's bucket never straddles a local hour either.
 */
export function localStart(unit: "day" | "hour", column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`date_trunc(${unit}, ${column}, ${timeZone})`;
}

/** A bucket start from localStart as YYYY-MM-DD in the zone. */
export function localDayText(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`to_char(${column} AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`;
}
