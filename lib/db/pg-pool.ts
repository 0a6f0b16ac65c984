import pg from "pg";
import { env } from "@/lib/env";
import { log } from "@/lib/http/log";

// A plain `pg` pool for the few hot raw-SQL paths (search, and message ingestion). Prisma
// 7's $queryRaw costs 3–7 ms of client-side work per statement on a busy 2-core host
// against ~0.3 ms for the same statement through pg (bench:search measured it), which is
// most of a search's budget.

export type SqlRunner = Pick<pg.Pool, "query">;

export function createPgPool(connectionString: string, max = 5): pg.Pool {
  // Same fail-fast as the Prisma pool, so an unreachable database becomes a 503.
  // A statement stuck behind a lock fails after 15 s instead of holding a webhook (and the
  // batch it rides in) forever; Sendblue gets a 503 and retries.
  // Two connections (what the ingest batcher keeps busy) are never closed for idling: a new
  // one costs ~25 ms to open and ~35 ms more for its first ingest call, which compiles and
  // plans the ingest functions, and with pg's 10 s default every webhook after a quiet spell,
  // the usual Sendblue traffic, paid both (bench:ingest saw 150 ms stalls opening a phase).
  const pool = new pg.Pool({
    connectionString,
    max,
    min: Math.min(2, max),
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 3000,
    statement_timeout: 15_000,
    // JIT off for the whole session, set once as each connection opens (before the pool
    // hands it out): the contract in lib/db/client.ts. Not a startup `options` parameter:
    // PgBouncer refuses those. A failure leaves the server's default rather than no connection.
    onConnect: async (client) => {
      await client
        .query("SET jit = off")
        .catch((error: Error) => log("warn", "SET jit = off failed", { error: error.message }));
    },
  });
  // An idle connection the server dropped (restart, network cut) must not crash the process:
  // the pool discards it and the next query opens a new one (or answers 503).
  pool.on("error", (error) => log("warn", "idle database connection lost", { error: error.message }));
  return pool;
}

const globalForPool = globalThis as unknown as { inboxPgPool?: pg.Pool };

/** The process-wide pool (kept on globalThis so dev reloads don't leak connections). */
export function pgPool(): pg.Pool {
  if (!globalForPool.inboxPgPool) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    if (!DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    globalForPool.inboxPgPool = createPgPool(DATABASE_URL, DATABASE_POOL_SIZE);
  }
  return globalForPool.inboxPgPool;
}
