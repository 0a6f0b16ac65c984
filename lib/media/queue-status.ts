import type { Db } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { parseJson, queryRows } from "@/lib/db/query-rows";
import { type MirrorState, Prisma } from "@/lib/generated/prisma/client";
import { counterKeys, counterTotalsSql } from "@/lib/read/counters";

// The mirror queue at a glance, for the Lines / Webhook log pages, /api/health?deep=1 and
// the metrics: one statement through whichever client the caller holds (through Prisma's
// models it was five, each paying the client's per-statement cost on every Lines render).

const STATES = ["pending", "copying", "kept", "failed", "expired"] as const satisfies readonly MirrorState[];

type Failure = {
  id: number;
  state: MirrorState;
  kind: string;
  fileName: string | null;
  sourceUrl: string;
  attempts: number;
  error: string | null;
  updatedAt: string;
  messageHandle: string;
  conversationId: number;
};

/** The newest `recent` attachments in `state`: one walk of its (state, updated_at, id) index. */
const failures = (state: MirrorState, recent: number) => Prisma.sql`(SELECT a.id, a.mirror_state, a.kind, a.file_name,
    a.source_url, a.attempts, a.last_error, a.updated_at, m.handle, m.conversation_id
  FROM media_attachments a JOIN messages m ON m.id = a.message_id
  WHERE a.mirror_state = ${state}::"MirrorState" ORDER BY a.updated_at DESC, a.id DESC LIMIT ${recent})`;

export async function mediaQueueStatus(client: Db | SqlRunner, options: { recent?: number } = {}) {
  const recent = options.recent ?? 20;
  const keys = STATES.map(counterKeys.media);
  const [row] = await queryRows<{
    counts: { key: string; total: number }[] | string;
    oldest: Date | null;
    failures: Failure[] | string;
  }>(
    client,
    Prisma.sql`SELECT
      -- Kept by triggers: a groupBy counted every attachment ever received on each load.
      (SELECT coalesce(json_agg(t), '[]') FROM (${counterTotalsSql(Prisma.sql`key = ANY(${keys})`)}) t) AS counts,
      -- Per state, so each is one walk of its (state, time) index; an IN list would read every
      -- row of both states to sort them.
      least((SELECT min(created_at) FROM media_attachments WHERE mirror_state = 'pending'),
            (SELECT min(created_at) FROM media_attachments WHERE mirror_state = 'copying')) AS oldest,
      ${
        recent === 0
          ? Prisma.sql`'[]'::json`
          : Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', f.id, 'state', f.mirror_state, 'kind', f.kind,
          'fileName', f.file_name, 'sourceUrl', f.source_url, 'attempts', f.attempts, 'error', f.last_error,
          'updatedAt', f.updated_at, 'messageHandle', f.handle, 'conversationId', f.conversation_id)
          ORDER BY f.updated_at DESC, f.id DESC), '[]')
        FROM (SELECT * FROM (${failures("failed", recent)} UNION ALL ${failures("expired", recent)}) u
          ORDER BY u.updated_at DESC, u.id DESC LIMIT ${recent}) f)`
      } AS failures`,
  );
  const totals = new Map(parseJson(row!.counts).map((c) => [c.key, Number(c.total)]));
  const counts = Object.fromEntries(STATES.map((s) => [s, totals.get(counterKeys.media(s)) ?? 0])) as Record<
    MirrorState,
    number
  >;
  return {
    counts,
    oldestPendingAt: row!.oldest?.toISOString() ?? null,
    recentFailures: parseJson(row!.failures).map((f) => ({ ...f, updatedAt: new Date(f.updatedAt).toISOString() })),
  };
}

export type MediaQueueStatus = Awaited<ReturnType<typeof mediaQueueStatus>>;
