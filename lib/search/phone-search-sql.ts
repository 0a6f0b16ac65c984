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
// - very many ("(512)": a tenth of all numbers): the walk newest-first over all messages,
//   testing each message's conversation, finds a page within a few hundred rows, where the
//   per-conversation reads would be tens of thousands.
// The walk is bounded (WALK_WINDOW rows); when the matching conversations are too quiet to
// fill a page within it, every matching conversation is read as in the first plan. Either way
// the answer is every match, in order, pageable: no conversation is left out.

/** Up to this many matching conversations, read each one's newest page. */
export const FEW_CONVERSATIONS = 400;
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
  const few = await matchingConversationIds(sql, pattern, threshold + 1);
  if (few.length <= threshold) {
    const ids = narrowed(few);
    if (ids.length === 0) return { rows: [], conversations: [] };
    const [rows, conversations] = await Promise.all([
      newestOf(sql, ids, input.filters, input.after, input.limit),
      input.after ? [] : conversationsById(sql, ids, team),
    ]);
    return { rows, conversations };
  }
  const matchesNumber = Prisma.sql`(c.contact_number LIKE ${pattern}
    OR EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.number LIKE ${pattern}))`;
  const [walked, conversations] = await Promise.all([
    walk(sql, matchesNumber, input.filters, input.after, input.limit, input.walkWindow ?? WALK_WINDOW),
    input.after ? [] : mostRecentlyActive(sql, matchesNumber, team),
  ]);
  if (walked.length >= input.limit) return { rows: walked, conversations };
  const all = narrowed(await matchingConversationIds(sql, pattern, null));
  return { rows: all.length ? await newestOf(sql, all, input.filters, input.after, input.limit) : [], conversations };
}

/** Ids of the conversations with a matching number (trigram lookups), up to `limit`. */
async function matchingConversationIds(sql: SqlRunner, pattern: string, limit: number | null): Promise<number[]> {
  // UNION ALL streams, so the LIMIT stops both lookups early (a UNION would collect them all
  // first). A direct conversation has a contact and no participants and a group the reverse,
  // so the arms hardly overlap; duplicates are dropped below.
  const rows = await run<{ id: number }>(
    sql,
    Prisma.sql`
    SELECT c.id FROM contacts x JOIN conversations c ON c.contact_number = x.number WHERE x.number LIKE ${pattern}
    UNION ALL
    SELECT p.conversation_id FROM conversation_participants p WHERE p.number LIKE ${pattern}
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`,
  );
  return [...new Set(rows.map((r) => r.id))];
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

/** Newest messages first, each tested for a matching conversation, within a bounded window. */
function walk(
  sql: SqlRunner,
  matchesNumber: Prisma.Sql,
  filters: MessageFilters,
  after: { at: Date; id: number } | null,
  limit: number,
  window: number,
) {
  const where = filterConditions(filters, after);
  const conditions = where.length ? Prisma.join(where, " AND ") : Prisma.sql`TRUE`;
  // The test of each row's conversation is a scalar subquery, which the planner cannot turn
  // into a join: a join could start from conversations and scan them all.
  return decoratedPage(
    sql,
    Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM (
      SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${conditions} ORDER BY m.sent_at DESC, m.id DESC LIMIT ${window}
    ) m
    WHERE (SELECT ${matchesNumber} FROM conversations c WHERE c.id = m.conversation_id)
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
function mostRecentlyActive(
  sql: SqlRunner,
  matchesNumber: Prisma.Sql,
  where: Prisma.Sql[],
): Promise<ConversationRow[]> {
  return run<ConversationRow>(
    sql,
    Prisma.sql`
    SELECT ${conversationColumns} FROM (
      SELECT c.* FROM conversations c WHERE ${matchesNumber} ${andAll(where)} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ${CONVERSATION_HITS}
    ) c ${conversationJoins}
    ORDER BY c.last_activity_at DESC, c.id DESC`,
  );
}
