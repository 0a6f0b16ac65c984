import type { Db } from "@/lib/db/client";

// Failed sign-ins counted per account and per IP in fixed windows, in Postgres so every
// server instance sees the same counts. The counter is one atomic upsert (raw SQL: Prisma
// cannot express the window reset inside ON CONFLICT).

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 8;
export const MAX_FAILURES_PER_IP = 30;

export function throttleKeys(email: string, ip: string | null) {
  return { account: `account:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

/** Seconds until sign-in is allowed again for these keys, or 0. */
export async function throttledFor(db: Db, keys: { account: string; ip: string | null }): Promise<number> {
  const rows = await db.authThrottle.findMany({
    where: { key: { in: [keys.account, ...(keys.ip ? [keys.ip] : [])] } },
  });
  let wait = 0;
  for (const row of rows) {
    const limit = row.key.startsWith("ip:") ? MAX_FAILURES_PER_IP : MAX_FAILURES_PER_ACCOUNT;
    const endsIn = row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS - Date.now();
    if (row.failures >= limit && endsIn > 0) wait = Math.max(wait, Math.ceil(endsIn / 1000));
  }
  return wait;
}

export async function recordFailure(db: Db, keys: { account: string; ip: string | null }): Promise<void> {
  const window = `${THROTTLE_WINDOW_MS} milliseconds`;
  for (const key of [keys.account, keys.ip]) {
    if (!key) continue;
    await db.$executeRaw`
      INSERT INTO auth_throttles (key, failures, window_started_at) VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN auth_throttles.window_started_at < now() - ${window}::interval
                        THEN 1 ELSE auth_throttles.failures + 1 END,
        window_started_at = CASE WHEN auth_throttles.window_started_at < now() - ${window}::interval
                                 THEN now() ELSE auth_throttles.window_started_at END`;
  }
}

export async function clearAccountFailures(db: Db, keys: { account: string }): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: keys.account } });
}
