import type { SqlRunner } from "@/lib/db/pg-pool";

// Sendblue's read API allows 100 requests per 10 s per account, across every process that
// holds the keys (server, `npm run sendblue:import`, the cron route, a second server). Each
// request takes a slot in the database first (`inbox_sendblue_rate_take`, a sliding log under
// an advisory lock), so together they never go past the limit. The window is a little longer
// than Sendblue's, because a request reaches Sendblue some milliseconds after its slot is
// taken, and two requests 10 s apart here may arrive 9.9 s apart there.

export type RateLimitOptions = { account: string; requests?: number; windowMs?: number };

export type RateLimiter = {
  /** Waits for a slot; returns how long it waited (ms). */
  take: () => Promise<number>;
};

export const SENDBLUE_READ_LIMIT = { requests: 100, windowMs: 10_000 } as const;
/** Our window's margin over Sendblue's: 2.5 %, so the limit allows 97.5 % of its ceiling. */
export const WINDOW_MARGIN_MS = 250;

export function createDbRateLimiter(sql: SqlRunner, options: RateLimitOptions): RateLimiter {
  const requests = options.requests ?? SENDBLUE_READ_LIMIT.requests;
  const windowMs = options.windowMs ?? SENDBLUE_READ_LIMIT.windowMs + WINDOW_MARGIN_MS;
  return {
    async take() {
      let waited = 0;
      for (;;) {
        const { rows } = await sql.query<{ wait: number }>({
          name: "inbox_sendblue_rate_take",
          text: "SELECT inbox_sendblue_rate_take($1, $2, $3) AS wait",
          values: [options.account, requests, windowMs],
        });
        const wait = rows[0]!.wait;
        if (wait === 0) return waited;
        waited += wait;
        await sleep(wait);
      }
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
