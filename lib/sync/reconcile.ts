import type pg from "pg";
import { log } from "@/lib/http/log";
import {
  ingestMessages,
  messagePageSchema,
  nextCursor,
  PageAborted,
  recordBadPage,
  type PageSource,
} from "./ingest-page";
import type { ReadApi } from "./read-api";
import { recordRun, releaseLease, takeLease } from "./sync-state";

// Gap repair. Webhooks Sendblue gave up on (the server was down, a secret was wrong) and
// stream events lost in a reconnect are still in the history, so a pass asks for every
// message updated since the last high-water mark minus an overlap
// (updated_at_gte=…&order_by=updated_at&order_direction=asc, Sendblue's documented recovery
// query) and ingests them like webhooks: what we hold already is a no-op, what is missing is
// stored, a status we missed moves forward. The mark is the newest date_updated seen, moved
// in the same transaction as each page.

export const RECONCILE_KEY = "reconcile";
/** Sendblue's index may lag its clock a little, and clocks differ: look back this far. */
export const RECONCILE_OVERLAP_MS = 10 * 60_000;
const LEASE_MS = 5 * 60_000;
const MAX_PAGES = 500;

export type ReconcileResult = {
  ran: boolean;
  from: string | null;
  pages: number;
  fetched: number;
  repaired: number;
  known: number;
  failed: number;
  rateWaits: number;
  rateWaitMs: number;
  error: string | null;
};

export async function runReconcile(
  deps: { pool: pg.Pool; api: ReadApi },
  o: { owner: string; source?: PageSource; overlapMs?: number; deadline?: number; onMedia?: () => void },
): Promise<ReconcileResult> {
  const result: ReconcileResult = {
    ran: false,
    from: null,
    pages: 0,
    fetched: 0,
    repaired: 0,
    known: 0,
    failed: 0,
    rateWaits: 0,
    rateWaitMs: 0,
    error: null,
  };
  const state = await takeLease(deps.pool, RECONCILE_KEY, o.owner, LEASE_MS);
  if (!state) return result;
  result.ran = true;
  const startedAt = new Date();
  const source = o.source ?? "reconcile";
  try {
    // First pass ever: start from the newest update we already hold (or now), not from the
    // beginning of time — the history import is what reads the past. A date past our clock
    // (a sender's bad clock, a hostile body) is not a start: it would skip everything real.
    let from = state.highWaterMark;
    if (!from) {
      const { rows } = await deps.pool.query<{ at: Date | null }>(
        "SELECT max(source_updated_at) FILTER (WHERE source_updated_at <= now()) AS at FROM messages",
      );
      from = rows[0]?.at ?? startedAt;
    }
    // A mark stored in the future by an older version is read as now.
    let cursor = {
      at: new Date(Math.min(from.getTime(), startedAt.getTime()) - (o.overlapMs ?? RECONCILE_OVERLAP_MS)),
      skip: 0,
    };
    result.from = cursor.at.toISOString();
    const onWait = (ms: number) => {
      result.rateWaits++;
      result.rateWaitMs += ms;
    };
    for (let page = 0; page < MAX_PAGES; page++) {
      if (o.deadline !== undefined && Date.now() > o.deadline) break;
      const response = await deps.api.listMessages(
        {
          order_by: "updated_at",
          order_direction: "asc",
          limit: 100,
          updated_at_gte: cursor.at.toISOString(),
          offset: cursor.skip || undefined,
        },
        onWait,
      );
      const receivedAt = new Date();
      const raw = { source, type: "sendblue_messages_page", raw: response.body, receivedAt };
      let parsed;
      try {
        parsed = messagePageSchema.safeParse(JSON.parse(response.body.toString("utf8")));
      } catch {
        parsed = null;
      }
      result.pages++;
      if (!parsed?.success) {
        await recordBadPage(deps.pool, raw, "not a page of messages ({ data: [...], pagination })");
        result.failed++;
        break;
      }
      const { data, pagination } = parsed.data;
      const after = nextCursor(cursor, data, "date_updated");
      const counts = await ingestMessages(deps.pool, { ...raw, quiet: false, messages: data }, async (client) => {
        // The page's cursor may run past our clock (a future date_updated sorts last); the
        // stored mark does not, so the next pass still reads what arrives from now on.
        const { rowCount } = await client.query(
          `UPDATE sync_state SET high_water_mark = least(greatest(coalesce(high_water_mark, $3), $3), now()),
             lease_until = now() + $4 * interval '1 millisecond' WHERE key = $1 AND lease_owner = $2`,
          [RECONCILE_KEY, o.owner, after.at, LEASE_MS],
        );
        if (rowCount !== 1) throw new PageAborted("reconcile lease lost");
      });
      if (counts.hasMedia) o.onMedia?.();
      result.fetched += counts.fetched;
      result.repaired += counts.stored;
      result.known += counts.known;
      result.failed += counts.failed;
      cursor = after as { at: Date; skip: number };
      if (!(pagination?.hasMore ?? data.length >= 100)) break;
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log("warn", "reconcile pass failed", { error: result.error });
  }
  if (result.repaired) log("info", "reconcile repaired messages", { repaired: result.repaired, from: result.from });
  await recordRun(deps.pool, RECONCILE_KEY, o.owner, {
    startedAt,
    result: { ...result },
    repaired: result.repaired,
    error: result.error,
  });
  await releaseLease(deps.pool, RECONCILE_KEY, o.owner);
  return result;
}
