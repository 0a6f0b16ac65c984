import type { SqlRunner } from "@/lib/db/pg-pool";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  andAll,
  conversationColumns,
  conversationJoins,
  decoratedPage,
  filterConditions,
  MESSAGE_COLUMNS,
  run,
  teamConditions,
  type ConversationRow,
  type MessageFilters,
  type MessageMatchRow,
} from "./search-messages-sql";

// A phone fragment finds every message, newest first, of the conversations with a number
// (the contact's, or a group member's) containing the digits, and the most recently active
// of those conversations. How many conversations match decides the plan:
// - a handful to a few hundred ("2164639", "(512) 216"): each one's newest page is read from
//   messages_conversation_id_sent_at_id_idx (index-only: ids and times) and the pages
//   merged. A plan that walks all messages newest-first would read the whole table for them.
// - hundreds to a few thousand ("(512) 2", "21-45" at 250 k conversations: a hundredth of all
//   numbers): their ids are collected and messages walked newest first, each tested against
//   that set (a hashed array: well under a microsecond a row). A hundredth of the newest
//   messages match, so a page takes a few thousand rows; testing each row's conversation with
//   a subquery, as below, cost ~20 µs a row (159 ms p95 at 10 M), and reading each one's
//   newest page would be thousands of index descents.
// - very many ("(512)": a tenth of all numbers): collecting the ids would cost more than the
//   walk, which tests each message's conversation and finds a page within a few hundred rows.
// Each walk is bounded (WALK_WINDOW rows); when the matching conversations are too quiet to
// fill a page within it, every matching conversation is read as in the first plan. Either way
// the answer is every match, in order, pageable: no conversation is left out.

/** Up to this many matching conversations, read each one's newest page. */
export const FEW_CONVERSATIONS = 400;
/** Up to this many, walk newest first against the set of their ids. */
export const SOME_CONVERSATIONS = 5_000;
const WALK_WINDOW = 20_000;
const CONVERSATION_HITS = 10;

export async function findPhoneMatches(
  sql: SqlRunner,
  input: {
    digits: string;
    filters: MessageFilters;
    after: { at: Date; id: number } | null;
    limit: number;
    /** Tests set these to reach every plan on a small corpus. */
    fewConversations?: number;
    someConversations?: number;
    walkWindow?: number;
  },
): Promise<{ rows: MessageMatchRow[]; conversations: ConversationRow[] }> {
  const pattern = `%${input.digits}%`;
  const threshold = input.fewConversations ?? FEW_CONVERSATIONS;
  // label: narrows to a known set of conversations; the per-conversation reads take only those.
  const labelled = input.filters.conversationIds ? new Set(input.filters.conversationIds) : null;
  const narrowed = (ids: number[]) => (labelled ? ids.filter((id) => labelled.has(id)) : ids);
  // label:, state: and assignee: narrow the matching conversations listed too, not only the messages.
  const team = teamConditions(input.filters);
  const some = input.someConversations ?? SOME_CONVERSATIONS;
  const window = input.walkWindow ?? WALK_WINDOW;
  // Complete: every matching conversation is in `matched` (there were no more than the cap).
  const { ids: matched, complete } = await matchingConversationIds(sql, pattern, Math.max(threshold, some));
  if (complete && matched.length <= threshold) {
    const ids = narrowed(matched);
    if (ids.length === 0) return { rows: [], conversations: [] };
    const [rows, conversations] = await Promise.all([
      newestOf(sql, ids, input.filters, input.after, input.limit),
      input.after ? [] : conversationsById(sql, ids, team),
    ]);
    return { rows, conversations };
  }
  if (complete) {
    const ids = narrowed(matched);
    if (ids.length === 0) return { rows: [], conversations: [] };
    const inSet = Prisma.sql`m.conversation_id = ANY(${ids}::int[])`;
    const [walked, conversations] = await Promise.all([
      walk(sql, inSet, input.filters, input.after, input.limit, window),
      input.after ? [] : conversationsById(sql, ids, team),
    ]);
    if (walked.length >= input.limit) return { rows: walked, conversations };
    return { rows: await newestOf(sql, ids, input.filters, input.after, input.limit), conversations };
  }
  const matchesNumber = Prisma.sql`(SELECT (c.contact_number LIKE ${pattern}
    OR EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.number LIKE ${pattern}))
    FROM conversations c WHERE c.id = m.conversation_id)`;
  const [walked, conversations] = await Promise.all([
    walk(sql, matchesNumber, input.filters, input.after, input.limit, window),
    input.after ? [] : mostRecentlyActive(sql, pattern, team),
  ]);
  if (walked.length >= input.limit) return { rows: walked, conversations };
  const all = narrowed((await matchingConversationIds(sql, pattern, null)).ids);
  return { rows: all.length ? await newestOf(sql, all, input.filters, input.after, input.limit) : [], conversations };
}

/**
 * Ids of the conversations with a matching number (trigram lookups), and whether they are all
 * of them: at most `cap` (null: no cap) were found.
 */
async function matchingConversationIds(
  sql: SqlRunner,
  pattern: string,
  cap: number | null,
): Promise<{ ids: number[]; complete: boolean }> {
  // UNION ALL streams, so the LIMIT stops both lookups early (a UNION would collect them all
  // first). A direct conversation has a contact and no participants and a group the reverse,
  // but a group may hold several matching numbers: duplicates are dropped below, and
  // completeness is judged on the rows read, not on the distinct ids left.
  const rows = await run<{ id: number }>(
    sql,
    Prisma.sql`
    SELECT c.id FROM conversations c WHERE c.contact_number LIKE ${pattern}
    UNION ALL
    SELECT p.conversation_id FROM conversation_participants p WHERE p.number LIKE ${pattern}
    ${cap === null ? Prisma.empty : Prisma.sql`LIMIT ${cap + 1}`}`,
  );
  return { ids: [...new Set(rows.map((r) => r.id))], complete: cap === null || rows.length <= cap };
}

/** Each conversation's newest page (ids and times only), merged; then the page's rows. */
function newestOf(
  sql: SqlRunner,
  ids: number[],
  filters: MessageFilters,
  after: { at: Date; id: number } | null,
  limit: number,
) {
  // `ids` are already narrowed to the labelled conversations (findPhoneMatches).
  const conditions = andAll(filterConditions({ ...filters, conversationIds: undefined }, after));
  return decoratedPage(
    sql,
    Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id IN (
      SELECT k.id FROM unnest(${ids}::int[]) AS cid(id)
      CROSS JOIN LATERAL (
        SELECT m.sent_at, m.id FROM messages m
        WHERE m.conversation_id = cid.id ${conditions}
        ORDER BY m.sent_at DESC, m.id DESC LIMIT ${limit}
      ) k
      ORDER BY k.sent_at DESC, k.id DESC LIMIT ${limit}
    )
    ORDER BY m.sent_at DESC, m.id DESC`,
  );
}

/** Newest messages first, each tested (`test`, over the row m), within a bounded window. */
function walk(
  sql: SqlRunner,
  test: Prisma.Sql,
  filters: MessageFilters,
  after: { at: Date; id: number } | null,
  limit: number,
  window: number,
) {
  const where = filterConditions(filters, after);
  const conditions = where.length ? Prisma.join(where, " AND ") : Prisma.sql`TRUE`;
  // The window is its own subquery so the walk stays newest-first: a test of each row's
  // conversation as a join, or a large id set, could otherwise start from conversations (or
  // their index) and read every message of them.
  return decoratedPage(
    sql,
    Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM (
      SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${conditions} ORDER BY m.sent_at DESC, m.id DESC LIMIT ${window}
    ) m
    WHERE ${test}
    ORDER BY m.sent_at DESC, m.id DESC LIMIT ${limit}`,
  );
}

function conversationsById(sql: SqlRunner, ids: number[], where: Prisma.Sql[]): Promise<ConversationRow[]> {
  return run<ConversationRow>(
    sql,
    Prisma.sql`
    SELECT ${conversationColumns} FROM conversations c ${conversationJoins}
    WHERE c.id = ANY(${ids}::int[]) ${andAll(where)}
    ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ${CONVERSATION_HITS}`,
  );
}

/** With very many matches, walking conversations by activity finds the first few at once. */
function mostRecentlyActive(sql: SqlRunner, pattern: string, where: Prisma.Sql[]): Promise<ConversationRow[]> {
  const matchesNumber = Prisma.sql`(c.contact_number LIKE ${pattern}
    OR EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.number LIKE ${pattern}))`;
  return run<ConversationRow>(
    sql,
    Prisma.sql`
    SELECT ${conversationColumns} FROM (
      SELECT c.* FROM conversations c WHERE ${matchesNumber} ${andAll(where)} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ${CONVERSATION_HITS}
    ) c ${conversationJoins}
    ORDER BY c.last_activity_at DESC, c.id DESC`,
  );
}
