// The list API per inbox tab (issue 14), timed in-process against a seeded database: the
// work GET /api/conversations?tab=… does (listConversations as the calling member, plus
// the tab counts the page asks for), without HTTP around it. Prints a p50/p95 table.
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { createPgPool } from "@/lib/db/pg-pool";
import { decodeTimeIdCursor } from "@/lib/read/cursor";
import { listConversations } from "@/lib/read/list-conversations";
import { listPageIds } from "@/lib/workflow/list-page-ids";
import { tabCounts } from "@/lib/workflow/tab-counts";
import { INBOX_TABS } from "@/lib/workflow/workflow-schemas";

const MEMBERS = 5;
const SAMPLES = 60;

/** Spreads the seeded conversations over states and members: ~60 % open, 25 % done, 15 % snoozed; 1 in 6 unassigned. */
export async function seedWorkflow(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ id: number }>(
    `INSERT INTO users (email, name, password_hash)
     SELECT 'tab-bench-' || g || '@inbox.test', 'Member ' || g, 'x' FROM generate_series(1, ${MEMBERS}) g RETURNING id`,
  );
  const ids = rows.map((r) => r.id);
  await c.query(
    `UPDATE conversations SET
       state = (CASE WHEN id % 20 < 12 THEN 'open' WHEN id % 20 < 17 THEN 'done' ELSE 'snoozed' END)::"ConversationState",
       snoozed_until = CASE WHEN id % 20 >= 17 THEN now() + (id % 500 || ' minutes')::interval END,
       assignee_id = CASE WHEN id % 6 = 0 THEN NULL ELSE ($1::int[])[1 + id % ${MEMBERS}] END`,
    [ids],
  );
  await c.query("SELECT inbox_fold_counters()");
  // The seed left the ledger's folded deltas as dead rows; autovacuum would clear them in time.
  await c.query("VACUUM ANALYZE conversations, counter_deltas, counters, conversation_reads");
  await c.end();
  return ids;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function benchTabs(url: string, members: number[], log: (line: string) => void) {
  const db = createDb(url, 2);
  // The pool the API reads the list through (app/api/conversations/route.ts).
  const pool = createPgPool(url, 2);
  const viewerId = members[1]!;
  const rows: string[] = [];
  const time = async (label: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await fn(); // warm the plans and the cache
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    rows.push(
      `| ${label} | ${pct(samples, 0.5).toFixed(1)} ms | ${pct(samples, 0.95).toFixed(1)} ms | ${samples.at(-1)!.toFixed(1)} ms |`,
    );
  };
  // A server answers many requests: warm the process (V8's compiled code for Prisma's row
  // parsing, the statement plans) on every tab first, so the first tab timed does not carry
  // the process's start-up.
  log("warming up…");
  for (let i = 0; i < 20; i++)
    for (const tab of INBOX_TABS) await listConversations(pool, { tab, viewerId, limit: 50 });
  log(`timing the list per tab (${SAMPLES} calls each)…`);
  for (const tab of INBOX_TABS) {
    await time(`tab=${tab}, first page (50)`, () => listConversations(pool, { tab, viewerId, limit: 50 }));
    // The tab's own statement (which rows, in order), apart from presenting them.
    await time(`tab=${tab}, its page query only`, () => listPageIds(pool, { tab, viewerId, after: null, limit: 51 }));
    // A page deep in the list: its cursor is the 2,000th row's sort key.
    const deep = await listConversations(pool, { tab, viewerId, limit: 200 });
    const cursor = deep.nextCursor && decodeTimeIdCursor(deep.nextCursor) ? deep.nextCursor : null;
    if (cursor)
      await time(`tab=${tab}, next page (150)`, () => listConversations(pool, { tab, viewerId, limit: 150, cursor }));
    await time(`tab=${tab}&unread=true`, () => listConversations(pool, { tab, viewerId, unread: true, limit: 50 }));
  }
  await time("tab counts (all six)", () => tabCounts(db, viewerId));
  // The Unread filter's worst case: everything read, so nothing matches and the whole tab is
  // walked before the page comes back empty.
  await db.$executeRawUnsafe("UPDATE conversations SET last_read_at = now()");
  await db.$executeRawUnsafe("VACUUM ANALYZE conversations");
  await time("tab=open&unread=true, everything read", () =>
    listConversations(pool, { tab: "open", viewerId, unread: true, limit: 50 }),
  );
  await time("tab=all&unread=true, everything read", () =>
    listConversations(pool, { tab: "all", viewerId, unread: true, limit: 50 }),
  );
  await db.$disconnect();
  await pool.end();
  console.log("");
  console.log("| list API call (as a member) | p50 | p95 | max |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(r);
}
