import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { type InsightsScope, localDayText, localStart } from "./insights-scope";

// New contacts and opt-outs per day. A contact is new on the day the inbox first stored it
// (created_at: its first message, or contact_created; a history import stores everyone on
// the day it runs). An opt-out counts on the day opted_out last became true (opted_out_at,
// kept by a trigger); a contact who opted back in is no longer counted. With a line: the
// contacts with a 1:1 conversation on it.

export type ContactDay = { day: string; newContacts: number; optedOut: number };

export async function contactChanges(db: Db, scope: InsightsScope, days: string[]): Promise<ContactDay[]> {
  const line = scope.lineId
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM conversations c WHERE c.contact_number = k.number AND c.line_id = ${scope.lineId})`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ day: string; kind: "new" | "opted_out"; n: number }[]>`
    SELECT ${localDayText(Prisma.sql`day`, scope.timeZone)} AS day, kind, n FROM (
      SELECT ${localStart("day", Prisma.sql`k.created_at`, scope.timeZone)} AS day, 'new' AS kind, count(*)::int AS n
      FROM contacts k WHERE k.created_at >= ${scope.from} AND k.created_at < ${scope.to} ${line}
      GROUP BY 1
      UNION ALL
      SELECT ${localStart("day", Prisma.sql`k.opted_out_at`, scope.timeZone)}, 'opted_out', count(*)::int
      FROM contacts k WHERE k.opted_out_at >= ${scope.from} AND k.opted_out_at < ${scope.to} ${line}
      GROUP BY 1) t`;
  const byDay = new Map(days.map((day) => [day, { day, newContacts: 0, optedOut: 0 }]));
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) d[r.kind === "new" ? "newContacts" : "optedOut"] += r.n;
  }
  return [...byDay.values()];
}
