import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// Which way to reach the database (one way per job):
// - Prisma (this client): reads and ordinary writes, by default.
// - SQL functions: the hot ingest path. Message webhooks and synced history are stored by
//   inbox_ingest_message_webhooks / inbox_ingest_sync_items (and inbox_ingest_message,
//   inbox_store_message, inbox_upsert_conversation / _line / _contact, inbox_touch_conversation
//   and inbox_notify they call), which write webhook_events, conversations,
//   conversation_participants, contacts, lines, messages, message_status_events, reactions and
//   media_attachments in one round trip per batch. They read each message and raw log row with
//   jsonb_populate_record(NULL::messages / webhook_events, …), so a key messageRow() or
//   eventRow() sends that is not a column is silently NULL: tests/webhooks/ingest-contract.test.ts
//   guards it. To change a function, CREATE OR REPLACE it in a new migration, copied from its
//   latest definition (npm run db:diff compares tables and indexes, never function bodies),
//   keeping its inbox_notify(...) calls, whose payloads tests/realtime/notify-shapes.test.ts
//   holds to inboxEventSchema (lib/realtime/notify.ts).
// - Raw SQL through Prisma ($queryRaw): a read or write Prisma's API cannot say (a lateral
//   join, FOR UPDATE SKIP LOCKED, a guarded UPDATE … WHERE), inside a Prisma transaction.
// - The `pg` pool (lib/db/pg-pool.ts): LISTEN, search's hand-written SQL, advisory locks and
//   session state, COPY, and anything a benchmark showed Prisma's per-query cost matters for.
//   Its connections run with jit = off, set once as each opens: a statement whose estimated
//   cost passes jit_above_cost (the list's 150-row page, whose per-row subqueries are each
//   costed in full; search's GIN branch) compiled for 40–350 ms to run in 1–5 ms. Callers
//   rely on it instead of wrapping a statement in a transaction to turn JIT off (two more
//   round trips). Behind a transaction-mode pooler a session setting may land on another
//   server connection than the next statement: there, `ALTER ROLE <user> SET jit = off`
//   makes it hold (README, the transaction-mode pooler paragraph under Deploy). Prisma's pool keeps the
//   server's default; Insights turns JIT off per transaction (lib/insights/insights-sql.ts).
//
// Readers, beside Prisma's models, rely on SQL the schema cannot state:
// - counters (lib/read/counters.ts): totals kept by triggers on messages, conversations,
//   media_attachments and webhook_events (migration 20261202050000_read_counters). Any
//   write through this client or the pg pool is counted; only rows written with triggers
//   disabled are not. Read them with readCounters(), never by counting history.
// - the conversation list's one statement (lib/read/conversation-rows.ts): the page's query
//   and every row's relations as JSON with the keys presentConversation / presentMessage
//   read, through the pg pool (bench:inbox, bench:read). A column the list shows is added
//   there and to ConversationRow / MessageRow; tests/read/conversation-rows.test.ts holds the
//   answer equal to the same conversations read through Prisma's models.
// - member_unreads (lib/workflow/member-reads.ts): each member's unread conversations with
//   copies of their state and last_activity_at, kept by triggers on conversations,
//   conversation_reads and users (migration 20261206200000_member_unreads). A new way to
//   move a read position or a conversation's state or activity is counted as long as it
//   writes those columns; a writer of conversation_reads locks the conversation first
//   (FOR NO KEY UPDATE), as the trigger does after it, or two writers can deadlock.
// - the thread page's one statement (lib/read/thread-page.ts, its messages built by
//   lib/read/message-json.ts, its events by lib/read/list-thread-events.ts) the same way;
//   tests/read/thread-page.test.ts holds every mode equal to the page read through the models.
// - relationJoins (schema.prisma): a read that includes relations says
//   relationLoadStrategy: "join" to get them in one statement.

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
