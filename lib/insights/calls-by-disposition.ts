import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InsightsScope } from "./insights-scope";

// Calls that started in the range, by how they ended (Sendblue's `disposition`: connected,
// not_answered, voicemail…; written as sent, lower-cased). A call belongs to a line by the
// number Sendblue named, else by its conversation's line.

export type DispositionCount = { disposition: string; count: number };

export async function callsByDisposition(db: Db, scope: InsightsScope): Promise<DispositionCount[]> {
  const line = scope.lineId
    ? Prisma.sql`AND (cl.line_number = (SELECT number FROM lines WHERE id = ${scope.lineId})
        OR (cl.line_number IS NULL AND cl.conversation_id IN (SELECT id FROM conversations WHERE line_id = ${scope.lineId})))`
    : Prisma.empty;
  return db.$queryRaw<DispositionCount[]>`
    SELECT coalesce(nullif(lower(trim(cl.disposition)), ''), 'unknown') AS disposition, count(*)::int AS count
    FROM call_logs cl
    WHERE cl.started_at >= ${scope.from} AND cl.started_at < ${scope.to} ${line}
    GROUP BY 1
    ORDER BY count DESC, disposition`;
}
