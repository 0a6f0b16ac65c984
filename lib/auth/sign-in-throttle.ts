import type { Db } from "@/lib/db/client";

// Password guesses counted per account and per IP in fixed windows, in Postgres so every
// server instance sees the same counts. An attempt is counted BEFORE its password is
// checked, by one atomic upsert that returns the new count: 40 guesses sent at once each
// get their own number, and all past the limit are refused without a hash. (Reading the
// count first and writing it after the ~100 ms scrypt let every parallel guess through.)
// A success gives its attempt back. Raw SQL: Prisma cannot express the window reset
// inside ON CONFLICT, nor RETURNING from it.

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 8;
export const MAX_FAILURES_PER_IP = 30;

export type ThrottleKeys = { account: string; ip: string | null };
export type Attempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return { account: `account:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

/**
 * Counts one password attempt against the account (and the IP, when known) and says
 * whether it may go ahead: the first MAX_FAILURES_PER_ACCOUNT of a window may, later ones
 * wait for the window to end.
 */
export async function claimAttempt(db: Db, keys: ThrottleKeys): Promise<Attempt> {
  const window = `${THROTTLE_WINDOW_MS} milliseconds`;
  const list = [keys.account, ...(keys.ip ? [keys.ip] : [])];
  // One statement for both keys, always in the same order, so concurrent attempts lock
  // the rows in the same order and cannot deadlock.
  const rows = await db.$queryRaw<{ key: string; failures: number; retry_after: number }[]>`
    INSERT INTO auth_throttles (key, failures, window_started_at)
    SELECT k, 1, now() FROM unnest(${list}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN auth_throttles.window_started_at < now() - ${window}::interval
                      THEN 1 ELSE auth_throttles.failures + 1 END,
      window_started_at = CASE WHEN auth_throttles.window_started_at < now() - ${window}::interval
                               THEN now() ELSE auth_throttles.window_started_at END
    RETURNING key, failures,
      ceil(extract(epoch FROM window_started_at + ${window}::interval - now()))::int AS retry_after`;
  let wait = 0;
  for (const row of rows) {
    const limit = row.key.startsWith("ip:") ? MAX_FAILURES_PER_IP : MAX_FAILURES_PER_ACCOUNT;
    if (row.failures > limit) wait = Math.max(wait, row.retry_after, 1);
  }
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

/** The right password: the account starts afresh and the IP gets its attempt back. */
export async function recordSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  await clearAccountFailures(db, keys);
  if (keys.ip) {
    await db.$executeRaw`UPDATE auth_throttles SET failures = failures - 1 WHERE key = ${keys.ip} AND failures > 0`;
  }
}

export async function clearAccountFailures(db: Db, keys: { account: string }): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: keys.account } });
}
