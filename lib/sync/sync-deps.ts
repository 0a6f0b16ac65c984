import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { env } from "@/lib/env";
import { pgPool } from "@/lib/db/pg-pool";
import { createDbRateLimiter, type RateLimitOptions } from "./rate-limiter";
import { createReadApi, type ReadApi } from "./read-api";

// What every sync entry point needs: the pg pool and a read API client whose rate limit is
// shared through the database, keyed by the API key id (Sendblue limits per account).

export type SyncDeps = { pool: pg.Pool; api: ReadApi };

export function syncConfigured(): boolean {
  const e = env();
  return Boolean(e.SENDBLUE_API_KEY_ID && e.SENDBLUE_API_SECRET);
}

export function createSyncDeps(pool: pg.Pool, limit?: Omit<RateLimitOptions, "account">): SyncDeps | null {
  const { SENDBLUE_API_KEY_ID, SENDBLUE_API_SECRET, SENDBLUE_API_BASE_URL } = env();
  if (!SENDBLUE_API_KEY_ID || !SENDBLUE_API_SECRET) return null;
  const credentials = { baseUrl: SENDBLUE_API_BASE_URL, keyId: SENDBLUE_API_KEY_ID, secret: SENDBLUE_API_SECRET };
  return {
    pool,
    api: createReadApi(credentials, createDbRateLimiter(pool, { account: SENDBLUE_API_KEY_ID, ...limit })),
  };
}

/** The process-wide deps, or null without API keys. */
export function syncDeps(): SyncDeps | null {
  return syncConfigured() ? createSyncDeps(pgPool()) : null;
}

/** Who holds a lease: readable in the database when debugging several servers. */
export function leaseOwnerId(role: string): string {
  return `${role}:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
