import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendblueErrorMeaning } from "@/lib/sendblue/error-codes";
import { FAILED } from "./delivery-outcomes";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, messagesInScope } from "./insights-scope";

// Why outbound messages failed: the commonest error codes with what they mean.

export type ErrorCodeCount = {
  /** Sendblue's code; null for failures that came without one. */
  code: string | null;
  /** What the code means (Sendblue's documentation), else what Sendblue said most often. */
  meaning: string;
  /** The error message Sendblue sent most often with this code. */
  message: string | null;
  count: number;
};

/** The `limit` commonest error codes among failed outbound messages, most frequent first. */
export async function topErrorCodes(db: Db, scope: InsightsScope, limit = 5): Promise<ErrorCodeCount[]> {
  const rows = await insightsSql<{ code: string | null; message: string | null; count: number }>(
    db,
    Prisma.sql`
    SELECT nullif(nullif(m.error_code, ''), '0') AS code, count(*)::int AS count,
           mode() WITHIN GROUP (ORDER BY m.error_message) AS message
    FROM ${messagesInScope(scope)} AND m.direction = 'outbound' AND ${FAILED}
    GROUP BY 1
    ORDER BY count DESC, code NULLS LAST
    LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    ...r,
    meaning:
      (r.code ? sendblueErrorMeaning(r.code) : null) ??
      r.message ??
      (r.code ? "Not a code Sendblue documents" : "Failed without an error code"),
  }));
}
