import type { SqlRunner } from "@/lib/db/pg-pool";
import { env } from "@/lib/env";
import { queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { counterTotalsSql } from "@/lib/read/counters";

// What the database holds, and what retention would free, for the Lines page. Table sizes
// come from the catalog (instant). The webhook bodies older than a horizon are summed
// exactly on small logs; past EXACT_ROWS a 1 % block sample is scaled up (marked as an
// estimate), so the page never reads a ten-million-row log to draw one number. Kept
// attachment copies are summed exactly from per-day counters (O(days), not O(attachments)).

const EXACT_ROWS = 200_000;
export const HORIZONS_DAYS = [30, 90, 365] as const;

export type StorageReport = {
  /** rows: the planner's estimate, null before the table was first analyzed. */
  tables: { name: string; bytes: number; rows: number | null }[];
  totalBytes: number;
  webhookLogDays: number | null;
  mediaKeepDays: number | null;
  /** Bytes of webhook bodies older than each horizon (still stored). */
  webhookBodies: { days: number; bytes: number }[];
  /** Bytes of kept attachment copies older than each horizon. */
  keptMedia: { days: number; bytes: number }[];
  estimated: boolean;
};

export async function storageReport(sql: SqlRunner, now = new Date()): Promise<StorageReport> {
  const { rows: tables } = await sql.query<{ name: string; bytes: string; rows: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes, c.reltuples::bigint::text AS rows
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     ORDER BY pg_total_relation_size(c.oid) DESC`,
  );
  const logRows = Math.max(0, Number(tables.find((t) => t.name === "webhook_events")?.rows ?? 0));
  const estimated = logRows > EXACT_ROWS;
  const cutoffs = HORIZONS_DAYS.map((d) => new Date(now.getTime() - d * 86_400_000));
  const {
    rows: [bodies],
  } = await sql.query<Record<string, string>>(
    `SELECT ${cutoffs.map((_, i) => `coalesce(sum(body_size) FILTER (WHERE received_at < $${i + 1}), 0)::text AS h${i}`).join(", ")}
     FROM webhook_events ${estimated ? "TABLESAMPLE SYSTEM (1)" : ""} WHERE body IS NOT NULL`,
    cutoffs,
  );
  // Kept copies: whole days from the counters the triggers keep per day kept (migration
  // 20261206300000_kept_media_bytes), the day each horizon falls in from its own rows.
  const horizon = (cutoff: Date) => Prisma.sql`(SELECT coalesce(sum(total), 0) FROM kept
        WHERE substr(key, length('media:kept-bytes:') + 1) < ${cutoff.toISOString().slice(0, 10)})
      + (SELECT coalesce(sum(byte_size), 0) FROM media_attachments WHERE mirror_state = 'kept'
        AND kept_at >= date_trunc('day', ${cutoff}::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        AND kept_at < ${cutoff})`;
  const [media] = await queryRows<Record<string, string>>(
    sql,
    Prisma.sql`WITH kept AS (${counterTotalsSql(Prisma.sql`key LIKE 'media:kept-bytes:%'`)})
      SELECT ${Prisma.join(cutoffs.map((c, i) => Prisma.sql`(${horizon(c)})::text AS ${Prisma.raw(`h${i}`)}`))}`,
  );
  const scale = estimated ? 100 : 1;
  const config = env();
  return {
    tables: tables
      .slice(0, 8)
      .map((t) => ({ name: t.name, bytes: Number(t.bytes), rows: Number(t.rows) >= 0 ? Number(t.rows) : null })),
    totalBytes: tables.reduce((sum, t) => sum + Number(t.bytes), 0),
    webhookLogDays: config.WEBHOOK_LOG_DAYS ?? null,
    mediaKeepDays: config.MEDIA_KEEP_DAYS ?? null,
    webhookBodies: HORIZONS_DAYS.map((days, i) => ({ days, bytes: Number(bodies?.[`h${i}`] ?? 0) * scale })),
    keptMedia: HORIZONS_DAYS.map((days, i) => ({ days, bytes: Number(media?.[`h${i}`] ?? 0) })),
    estimated,
  };
}
