import { randomUUID } from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import { startFakeSendblue, type FakeSendblueOptions } from "@/lib/sendblue/fake-sendblue";
import { createDbRateLimiter } from "@/lib/sync/rate-limiter";
import { createReadApi } from "@/lib/sync/read-api";
import type { SyncDeps } from "@/lib/sync/sync-deps";

// A Sendblue stand-in with a generated history and sync deps pointed at it. Each harness has
// its own API key, so its rate-limit slots are its own even when test files run together.

let pool: pg.Pool | undefined;

export function testPool(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: env().DATABASE_URL!, max: 8 });
  return pool;
}

export async function startSyncHarness(
  options: Omit<FakeSendblueOptions, "keyId" | "secret"> & { limiter?: { requests: number; windowMs: number } },
) {
  const keyId = `kid-${randomUUID()}`;
  const fake = await startFakeSendblue({ keyId, secret: "sec", ...options });
  const limiter = createDbRateLimiter(testPool(), { account: keyId, ...options.limiter });
  const deps: SyncDeps = { pool: testPool(), api: createReadApi({ baseUrl: fake.url, keyId, secret: "sec" }, limiter) };
  return { fake, deps, keyId };
}

/** An import job of the test's own (the one-active-import rule is for user requests). */
export async function newJob(input: { since?: Date; line?: string } = {}): Promise<number> {
  const { rows } = await testPool().query<{ id: number }>(
    "INSERT INTO sync_jobs (since, line) VALUES ($1, $2) RETURNING id",
    [input.since ?? null, input.line ?? null],
  );
  return rows[0]!.id;
}

/** Every handle the stand-in holds, read through its own API with no limit in the way. */
export function allHandles(fake: {
  history: { list: (q: URLSearchParams) => { data: { message_handle: string }[]; pagination: { hasMore: boolean } } };
}) {
  const handles: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = fake.history.list(
      new URLSearchParams({ order_by: "sentAt", order_direction: "asc", limit: "100", offset: String(offset) }),
    );
    handles.push(...page.data.map((m) => m.message_handle));
    if (!page.pagination.hasMore) return handles;
  }
}

export async function storedCounts(handles: string[]) {
  const { rows } = await testPool().query<{ messages: number; reactions: number }>(
    `SELECT (SELECT count(*)::int FROM messages WHERE handle = ANY($1)) AS messages,
            (SELECT count(*)::int FROM reactions WHERE handle = ANY($1)) AS reactions`,
    [handles],
  );
  return rows[0]!;
}
