import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: poolSize,
    // Fail fast when the database is down so webhooks get a 503 instead of hanging.
    connectionTimeoutMillis: 3000,
  });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { inboxDb?: PrismaClient };

/** The process-wide client (kept on globalThis so dev reloads don't leak pools). */
export function db(): PrismaClient {
  if (!globalForDb.inboxDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    if (!DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    globalForDb.inboxDb = createDb(DATABASE_URL, DATABASE_POOL_SIZE);
  }
  return globalForDb.inboxDb;
}
