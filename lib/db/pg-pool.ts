import pg from "pg";
import { env } from "@/lib/env";

// A plain `pg` pool for the few hot raw-SQL paths (search). Prisma 7's $queryRaw costs
// 3–7 ms of client-side work per statement on a busy 2-core host against ~0.3 ms for the
// same statement through pg (bench:search measured it), which is most of a search's budget.

export type SqlRunner = Pick<pg.Pool, "query">;

export function createPgPool(connectionString: string, max = 5): pg.Pool {
  // Same fail-fast as the Prisma pool, so an unreachable database becomes a 503.
  return new pg.Pool({ connectionString, max, connectionTimeoutMillis: 3000 });
}

const globalForPool = globalThis as unknown as { inboxPgPool?: pg.Pool };

/** The process-wide pool (kept on globalThis so dev reloads don't leak connections). */
export function pgPool(): pg.Pool {
  if (!globalForPool.inboxPgPool) {
    const { DATABASE_URL } = env();
    if (!DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    globalForPool.inboxPgPool = createPgPool(DATABASE_URL);
  }
  return globalForPool.inboxPgPool;
}
