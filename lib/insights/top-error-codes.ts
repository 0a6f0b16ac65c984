import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { sendblueErrorMeaning } from "@/lib/sendblue/error-codes";
import { FAILED } from "./delivery-outcomes";
import { insightsSql } from "./insights-sql";
import { type InsightsScope, messagesInScope } from "./insights-scope";
import { rollupAnswers, rollupInScope } from "./message-rollup";

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

type Row = { code: string | null; message: string | null; count: number };

/** The `limit` commonest error codes among failed outbound messages, most frequent first. */
export async function topErrorCodes(db: Db, scope: InsightsScope, limit = 5): Promise<ErrorCodeCount[]> {
  return (await rollupAnswers(db, scope))
    ? topErrorCodesFromRollup(db, scope, limit)
    : topErrorCodesFromMessages(db, scope, limit);
}

/** The exact definition, over the messages themselves. */
export async function topErrorCodesFromMessages(db: Db, scope: InsightsScope, limit = 5): Promise<ErrorCodeCount[]> {
  const rows = await insightsSql<Row>(
    db,
    Prisma.sql`
    SELECT nullif(nullif(m.error_code, ''), '0') AS code, count(*)::int AS count,
           mode() WITHIN GROUP (ORDER BY m.error_message) AS message
    FROM ${messagesInScope(scope)} AND m.direction = 'outbound' AND ${FAILED}
    GROUP BY 1
    ORDER BY count DESC, code NULLS LAST
    LIMIT ${limit}`,
  );
  return rows.map(withMeaning);
}

/**
 * From message_rollup, whose failed counts are kept per code and error message: the code's
 * commonest message is mode()'s, which ignores NULLs and, between equally common messages,
 * takes the first in sort order.
 */
export async function topErrorCodesFromRollup(db: Db, scope: InsightsScope, limit = 5): Promise<ErrorCodeCount[]> {
  const rows = await insightsSql<Row>(
    db,
    Prisma.sql`
    SELECT code, sum(n)::int AS count,
           (array_agg(message ORDER BY n DESC, message) FILTER (WHERE message IS NOT NULL))[1] AS message
    FROM (SELECT r.error_code AS code, r.error_message AS message, sum(r.failed) AS n
          FROM ${rollupInScope(scope)} AND r.failed <> 0
          GROUP BY 1, 2) t
    WHERE n > 0
    GROUP BY code
    ORDER BY count DESC, code NULLS LAST
    LIMIT ${limit}`,
  );
  return rows.map(withMeaning);
}

function withMeaning(r: Row): ErrorCodeCount {
  return {
    ...r,
    meaning:
      (r.code ? sendblueErrorMeaning(r.code) : null) ??
      r.message ??
      (r.code ? "Not a code Sendblue documents" : "Failed without an error code"),
  };
}
