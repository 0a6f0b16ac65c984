// The list API per inbox tab (issue 14), timed in-process against a seeded database: the
// work GET /api/conversations?tab=… does (listConversations as the calling member, plus
// the tab counts the page asks for), without HTTP around it. Prints a p50/p95 table, with
// the CPU each call cost in this process and in the PostgreSQL backends serving it (read
// from /proc when the server runs on this machine): wall times follow the host's other
// load, CPU per call much less.
import { readFileSync } from "node:fs";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { createPgPool } from "@/lib/db/pg-pool";
import { decodeTimeIdCursor } from "@/lib/read/cursor";
import { listConversations } from "@/lib/read/list-conversations";
import { listPageIds } from "@/lib/workflow/list-page-ids";
import { tabCounts } from "@/lib/workflow/tab-counts";
import { INBOX_TABS } from "@/lib/workflow/workflow-schemas";

const MEMBERS = 5;
const SAMPLES = 100;
const POOL_SIZE = 2;

/**
 * Spreads the seeded conversations over states and members: ~60 % open, 25 % done, 15 %
 * snoozed; 1 in 6 unassigned. Labels: "VIP" on 1 in 5 conversations, "Escalated" on 1 in 2,000.
 */
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
  await c.query(
    `INSERT INTO labels (name, name_key, color) VALUES ('VIP', 'vip', 'purple'), ('Escalated', 'escalated', 'red')`,
  );
  await c.query(
    `INSERT INTO conversation_labels (conversation_id, label_id)
     SELECT c.id, l.id FROM conversations c JOIN labels l
       ON (l.name_key = 'vip' AND c.id % 5 = 0) OR (l.name_key = 'escalated' AND c.id % 2000 = 0)`,
  );
  await c.query("SELECT inbox_fold_counters()");
  // The seed left the ledger's folded deltas as dead rows; autovacuum would clear them in time.
  await c.query(
    "VACUUM ANALYZE conversations, counter_deltas, counters, conversation_reads, member_unreads, conversation_labels",
  );
  await c.end();
  return ids;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** CPU milliseconds (user + system) of these processes so far; null where /proc cannot tell. */
function processCpuMs(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** The server process ids behind the pool's connections (all opened now, so none is added later). */
async function backendPids(pool: pg.Pool): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.connect()));
  try {
    return await Promise.all(
      clients.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid),
    );
  } finally {
    for (const c of clients) c.release();
  }
}

export async function benchTabs(url: string, members: number[], log: (line: string) => void) {
  const db = createDb(url, 2);
  // The pool the API reads the list through (app/api/conversations/route.ts).
  const pool = createPgPool(url, POOL_SIZE);
  const pids = await backendPids(pool);
  const viewerId = members[1]!;
  const rows: string[] = [];
  const time = async (label: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await fn(); // warm the plans and the cache
    const samples: number[] = [];
    const pgBefore = processCpuMs(pids);
    const nodeBefore = process.cpuUsage();
    for (let i = 0; i < SAMPLES; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    const node = process.cpuUsage(nodeBefore);
    const pgAfter = processCpuMs(pids);
    const pgCpu = pgBefore === null || pgAfter === null ? "—" : `${((pgAfter - pgBefore) / SAMPLES).toFixed(1)} ms`;
    samples.sort((a, b) => a - b);
    rows.push(
      `| ${label} | ${pct(samples, 0.5).toFixed(1)} ms | ${pct(samples, 0.95).toFixed(1)} ms | ${samples.at(-1)!.toFixed(1)} ms | ${((node.user + node.system) / 1000 / SAMPLES).toFixed(1)} ms | ${pgCpu} |`,
    );
  };
  // A server answers many requests: warm the process (V8's compiled code for the row
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
    // A page deep in the list: its cursor is the 200th row's sort key.
    const deep = await listConversations(pool, { tab, viewerId, limit: 200 });
    const cursor = deep.nextCursor && decodeTimeIdCursor(deep.nextCursor) ? deep.nextCursor : null;
    if (cursor)
      await time(`tab=${tab}, next page (150)`, () => listConversations(pool, { tab, viewerId, limit: 150, cursor }));
    await time(`tab=${tab}&unread=true`, () => listConversations(pool, { tab, viewerId, unread: true, limit: 50 }));
  }
  // Label filters (the route looks the name up first, a separate lookup not timed here): a
  // common label is met at once on the tab's walk; a rare one (50 conversations) is read
  // from the label's own index and sorted.
  const labelIds = new Map(
    (await db.label.findMany({ select: { id: true, nameKey: true } })).map((l) => [l.nameKey, l.id]),
  );
  for (const [name, key] of [
    ["VIP", "vip"],
    ["Escalated", "escalated"],
  ] as const)
    for (const tab of ["open", "all"] as const)
      await time(`tab=${tab}&label=${name}`, () =>
        listConversations(pool, { tab, viewerId, labelId: labelIds.get(key), limit: 50 }),
      );
  await time("tab counts (all six)", () => tabCounts(db, viewerId));
  // The Unread filter's hard cases, each as the one member (all five alike), for whom
  // everything was unread so far: nothing unread (a member who has read everything), and
  // only the oldest conversations unread (read up to a point long ago): a walk of the tab's
  // conversations would meet none of theirs before the end.
  const total = (await db.conversation.aggregate({ _max: { id: true } }))._max.id ?? 0;
  const cases: [string, number][] = [
    ["everything read", 0],
    ["only the oldest 2,500 unread", 2500],
    ["only the oldest 10,000 unread", 10_000],
  ];
  for (const [what, oldest] of cases) {
    // The seed's ids grow older with the id (last_activity_at = now() - id minutes).
    await db.$executeRawUnsafe(
      "UPDATE conversations SET last_read_at = CASE WHEN id > $1 THEN NULL ELSE now() END",
      total - oldest,
    );
    await db.$executeRawUnsafe("VACUUM ANALYZE conversations, member_unreads");
    for (const tab of ["open", "all"] as const)
      await time(`tab=${tab}&unread=true, ${what}`, () =>
        listConversations(pool, { tab, viewerId, unread: true, limit: 50 }),
      );
  }
  await db.$disconnect();
  await pool.end();
  console.log("");
  console.log("| list API call (as a member) | p50 | p95 | max | Node CPU | PostgreSQL CPU |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
}
