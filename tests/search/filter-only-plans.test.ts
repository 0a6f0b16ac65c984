import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db-tools/migrate";
import { createPgPool } from "@/lib/db/pg-pool";
import { Prisma } from "@/lib/generated/prisma/client";
import { conversationsWithLabels } from "@/lib/labels/label-search-filter";
import { findLatestOfConversations } from "@/lib/search/filter-only-sql";
import type { MessageFilters } from "@/lib/search/search-messages-sql";
import { workflowCondition, type WorkflowFilters } from "@/lib/search/workflow-filters";
import { createScratchDatabase } from "@/scripts/lib/database";
import { testServerUrl } from "../support/db";

// A query of filters alone (state:, assignee:, label:) walks conversations by last activity
// and reads each one's newest message by index: on a corpus of a few thousand conversations
// and messages, no plan scans the messages table, and the pages are exactly what a plain
// (slow) query over every conversation gives. Its own database, so the plans see only it.

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let pool: pg.Pool;
let members: number[] = [];
const CONVERSATIONS = 3000;
const PER_CONVERSATION = 4;

beforeAll(async () => {
  scratch = await createScratchDatabase(testServerUrl(), "inbox_filter_only");
  await migrate(scratch.url);
  pool = createPgPool(scratch.url, 3);
  members = (
    await pool.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, name)
       SELECT 'm' || i || '@example.com', 'x', 'Member ' || i FROM generate_series(1, 5) i RETURNING id`,
    )
  ).rows.map((r) => r.id);
  await pool.query(`INSERT INTO lines (number) VALUES ('+15122164639')`);
  await pool.query(
    `INSERT INTO contacts (number) SELECT '+1555' || lpad(i::text, 7, '0') FROM generate_series(1, ${CONVERSATIONS}) i`,
  );
  await pool.query(
    `INSERT INTO conversations (key, kind, line_id, contact_number, last_activity_at)
     SELECT 'k' || i, 'direct', 1, '+1555' || lpad(i::text, 7, '0'), timestamptz '2026-01-01' + (i * 37 % 5000) * interval '1 minute'
     FROM generate_series(1, ${CONVERSATIONS}) i`,
  );
  await pool.query(
    `INSERT INTO messages (handle, conversation_id, direction, content, status, sent_at, service)
     SELECT 'm' || c.id || '-' || k, c.id, CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END::"Direction", 'hello ' || k,
            'RECEIVED', c.last_activity_at - (${PER_CONVERSATION} - k) * interval '1 second', 'iMessage'
     FROM conversations c, generate_series(1, ${PER_CONVERSATION}) k`,
  );
  // Most open, a fifth done, some snoozed; assignees spread over the members, many unassigned.
  await pool.query(
    `UPDATE conversations SET
       state = (CASE WHEN id % 5 = 0 THEN 'done' WHEN id % 11 = 0 THEN 'snoozed' ELSE 'open' END)::"ConversationState",
       snoozed_until = CASE WHEN id % 5 <> 0 AND id % 11 = 0 THEN timestamptz '2030-01-01' END,
       assignee_id = CASE WHEN id % 3 = 0 THEN NULL ELSE ($1::int[])[1 + id % 5] END`,
    [members],
  );
  await pool.query(`INSERT INTO labels (name, name_key, color) VALUES ('VIP', 'vip', 'purple')`);
  await pool.query(
    `INSERT INTO conversation_labels (conversation_id, label_id) SELECT id, 1 FROM conversations WHERE id % 97 = 0`,
  );
  await pool.query("ANALYZE");
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await scratch?.drop();
});

async function filtersFor(
  workflow: WorkflowFilters,
  labels: string[] = [],
  extra: MessageFilters = {},
): Promise<MessageFilters> {
  return {
    ...extra,
    conversationIds: await conversationsWithLabels(pool, labels),
    conversationWhere: await workflowCondition(pool, workflow, members[0]!),
  };
}

const CASES: [string, () => Promise<MessageFilters>][] = [
  ["state:done", () => filtersFor({ state: "done" })],
  ["state:open", () => filtersFor({ state: "open" })],
  ["assignee:me", () => filtersFor({ assignee: "me" })],
  ["assignee:none", () => filtersFor({ assignee: "none" })],
  ['assignee:"Member 2" state:open', () => filtersFor({ assignee: "Member 2", state: "open" })],
  ["label:vip", () => filtersFor({}, ["vip"])],
  ["label:vip state:done", () => filtersFor({ state: "done" }, ["vip"])],
  ["state:open with direction=inbound", () => filtersFor({ state: "open" }, [], { direction: "inbound" })],
];

describe("filter-only search", () => {
  it.each(CASES)("%s reads no messages sequentially", async (_name, make) => {
    const filters = await make();
    let plan = "";
    const explain = {
      query: (async (statement: string, values: unknown[]) => {
        const { rows } = await pool.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, COSTS OFF) ${statement}`,
          values,
        );
        plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        return { rows: [] };
      }) as never,
    };
    await findLatestOfConversations(explain, { filters, after: null, limit: 31 });
    expect(plan).not.toMatch(/Seq Scan on messages/);
    expect(plan).toContain("messages_conversation_id_sent_at_id_idx");
    const ms = Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1]);
    console.log(
      `[filter-only] ${_name}: ${ms.toFixed(2)} ms on ${CONVERSATIONS} conversations, ${CONVERSATIONS * PER_CONVERSATION} messages`,
    );
  });

  it.each(CASES)("%s pages through exactly what a plain query finds", async (_name, make) => {
    const filters = await make();
    // Every conversation that passes, newest activity first, with its newest passing message.
    const naive = Prisma.sql`
      SELECT x.handle FROM (
        SELECT DISTINCT ON (c.id) m.handle, c.last_activity_at, c.id
        FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE ${filters.conversationIds ? Prisma.sql`c.id = ANY(${filters.conversationIds}::int[])` : Prisma.sql`TRUE`}
          AND ${filters.conversationWhere ?? Prisma.sql`TRUE`}
          AND ${filters.direction ? Prisma.sql`m.direction = ${filters.direction}::"Direction"` : Prisma.sql`TRUE`}
        ORDER BY c.id, m.sent_at DESC, m.id DESC
      ) x ORDER BY x.last_activity_at DESC, x.id DESC`;
    const { rows } = await pool.query<{ handle: string }>(naive.text, naive.values);
    const got: string[] = [];
    let after: { at: Date; id: number } | null = null;
    for (let page = 0; page < 1000; page++) {
      const found = await findLatestOfConversations(pool, { filters, after, limit: 201 });
      got.push(...found.slice(0, 200).map((r) => r.handle));
      if (found.length <= 200) break;
      const last = found[199]!;
      after = { at: last.last_activity_at, id: last.conversation_id };
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(got).toEqual(rows.map((r) => r.handle));
  });
});
