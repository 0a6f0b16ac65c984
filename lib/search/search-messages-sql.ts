import type { SqlRunner } from "@/lib/db/pg-pool";
import { Prisma } from "@/lib/generated/prisma/client";

// Every raw SQL statement search needs, in one place. Full-text and trigram matching are
// what Prisma cannot express; statements are composed with Prisma.sql (values always bound
// as parameters) and run on the plain pg pool (see lib/db/pg-pool.ts for why). Rules that keep the indexes usable:
// - match the stored column (search_vector @@ …), never an expression over content;
// - put only the filters that are set into the statement, so each plan is made for the
//   query at hand (no `$x IS NULL OR …` that forces one plan to fit all);
// - order by (sent_at DESC, id DESC), which messages_sent_at_id_idx serves (see below for how
//   common and rare words each get the plan that suits them).

export type MessageFilters = {
  lineNumber?: string;
  contactNumber?: string;
  conversationId?: number;
  conversationIds?: number[];
  service?: string;
  direction?: "inbound" | "outbound";
  status?: string;
  hasMedia?: boolean;
  from?: Date;
  toExclusive?: Date;
  /** A condition on the message's conversation (aliased c): state:, assignee: (workflow-filters.ts). */
  conversationWhere?: Prisma.Sql;
};

/** What a result shows of its conversation, fetched in the same statement. */
export type ConversationRow = {
  conversation_id: number;
  kind: "direct" | "group";
  display_name: string | null;
  contact_number: string | null;
  last_activity_at: Date;
  line_number: string | null;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  /** A group's people other than our line, each by contact name (as conversation-title.ts's contactName) or number. */
  people: string[] | null;
};

export const conversationColumns = Prisma.sql`
  c.id AS conversation_id, c.kind::text AS kind, c.display_name, c.contact_number, c.last_activity_at,
  l.number AS line_number, ct.first_name, ct.last_name, ct.company_name,
  (SELECT array_agg(coalesce(nullif(concat_ws(' ', pc.first_name, pc.last_name), ''), pc.company_name, p.number) ORDER BY p.added_at, p.number)
     FROM conversation_participants p LEFT JOIN contacts pc ON pc.number = p.number
    WHERE p.conversation_id = c.id AND p.number IS DISTINCT FROM l.number) AS people`;

export const conversationJoins = Prisma.sql`
  LEFT JOIN lines l ON l.id = c.line_id
  LEFT JOIN contacts ct ON ct.number = c.contact_number`;

export type MessageMatchRow = ConversationRow & {
  id: number;
  handle: string;
  direction: "inbound" | "outbound";
  service: string | null;
  status: string;
  content: string;
  sent_at: Date;
  /** The message's attachments, oldest first; null when it has none. */
  media: { kind: string; fileName: string | null; cardName: string | null }[] | null;
};

// Newest-first full-text search has two good plans and the planner cannot tell them apart
// reliably (its estimate for a word outside the most-common list is a guess):
// - a word in many messages is found fastest by walking messages newest-first and testing
//   each stored vector, stopping at the page size;
// - a rare word must go through the GIN index, then sort its few hits by date. Walking the
//   date index for it reads the whole table (seconds at a million rows).
// So search tries the walk on a bounded window of the newest candidate rows first and, when
// that window holds less than a page of hits, asks GIN with the date order fenced off
// (OFFSET 0), so no plan can ever walk the whole table looking for a rare word. When the
// caller already knows a term is rare (absent from the column's most-common list, see
// findCommonLexemes) it skips the window and goes to GIN directly.
// The two stay separate statements: in one (the GIN branch behind a one-time filter) the
// planner still counts the GIN branch's cost, which for a common word passes jit_above_cost
// and spends ~40 ms compiling a plan that runs in 1 ms.
export const RECENT_WINDOW = 5000;

export const MESSAGE_COLUMNS = Prisma.sql`m.id, m.handle, m.conversation_id, m.direction, m.service, m.status, m.content, m.sent_at`;

export async function findMessageMatches(
  sql: SqlRunner,
  input: {
    /** tsquery text (exact words), or an expression from tsquerySql; null: no text condition. */
    tsquery: string | Prisma.Sql | null;
    /** Per AND-ed clause made only of phrases: its phrases, any of which may match. */
    phraseClauses?: string[][];
    filters: MessageFilters;
    after: { at: Date; id: number } | null;
    limit: number;
    recentWindow?: number;
    indexFirst?: boolean;
  },
): Promise<MessageMatchRow[]> {
  const where = filterConditions(input.filters, input.after);
  const filters = where.length ? Prisma.join(where, " AND ") : Prisma.sql`TRUE`;
  const newestFirst = Prisma.sql`ORDER BY m.sent_at DESC, m.id DESC`;
  if (input.tsquery === null) {
    return decoratedPage(
      sql,
      Prisma.sql`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${filters} ${newestFirst} LIMIT ${input.limit}`,
    );
  }
  // search_unaccent (see the search migration) runs on the query text too, so "café" and
  // "cafe" meet in the middle; being IMMUTABLE, the whole tsquery folds into a constant.
  const query =
    typeof input.tsquery === "string"
      ? Prisma.sql`to_tsquery('simple', search_unaccent(${input.tsquery}))`
      : input.tsquery;
  const matches = Prisma.sql`m.search_vector @@ (${query})`;
  const pairs = phrasePairs(input.phraseClauses ?? []);
  if (input.filters.conversationId !== undefined) {
    // Within one conversation the planner may choose freely: its worst plan, walking the
    // conversation newest-first for a word that is not there, reads one conversation, not
    // the table, and its usual one (that conversation's rows, tested and sorted) is well
    // under a millisecond. The window below would only add a statement.
    return decoratedPage(
      sql,
      Prisma.sql`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${matches} AND ${pairs} AND ${filters} ${newestFirst} LIMIT ${input.limit}`,
    );
  }
  const recent = input.indexFirst
    ? []
    : await decoratedPage(
        sql,
        Prisma.sql`SELECT ${MESSAGE_COLUMNS} FROM (
      SELECT ${MESSAGE_COLUMNS}, m.search_vector FROM messages m WHERE ${filters} ${newestFirst} LIMIT ${input.recentWindow ?? RECENT_WINDOW}
    ) m WHERE ${matches} ${newestFirst} LIMIT ${input.limit}`,
      );
  if (recent.length >= input.limit) return recent;
  return decoratedPage(
    sql,
    Prisma.sql`SELECT ${MESSAGE_COLUMNS} FROM (
      SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${matches} AND ${pairs} AND ${filters} OFFSET 0
    ) m ${newestFirst} LIMIT ${input.limit}`,
  );
}

// A phrase needs each pair of adjacent words it holds (see the search_phrases migration), so
// requiring the pairs never drops a match; it lets GIN skip messages that have the words
// but not side by side. search_phrase_pairs folds to a constant at planning, so a phrase
// with no pair (one word after parsing) leaves just TRUE, no condition.
function phrasePairs(clauses: string[][]): Prisma.Sql {
  if (clauses.length === 0) return Prisma.sql`TRUE`;
  const pairs = (phrase: string) =>
    Prisma.sql`CASE WHEN search_phrase_pairs(${phrase}) IS NULL THEN TRUE ELSE m.search_pairs @@ search_phrase_pairs(${phrase}) END`;
  return Prisma.join(
    clauses.map((anyOf) => Prisma.sql`(${Prisma.join(anyOf.map(pairs), " OR ")})`),
    " AND ",
  );
}

export function filterConditions(f: MessageFilters, after: { at: Date; id: number } | null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.conversationId !== undefined) where.push(Prisma.sql`m.conversation_id = ${f.conversationId}`);
  if (f.conversationIds) where.push(Prisma.sql`m.conversation_id = ANY(${f.conversationIds}::int[])`);
  if (f.lineNumber) {
    where.push(Prisma.sql`m.conversation_id IN (
      SELECT c.id FROM conversations c JOIN lines l ON l.id = c.line_id WHERE l.number = ${f.lineNumber})`);
  }
  if (f.contactNumber) {
    where.push(Prisma.sql`m.conversation_id IN (
      SELECT c.id FROM conversations c WHERE c.contact_number = ${f.contactNumber}
      UNION SELECT p.conversation_id FROM conversation_participants p WHERE p.number = ${f.contactNumber})`);
  }
  if (f.conversationWhere)
    where.push(Prisma.sql`m.conversation_id IN (SELECT c.id FROM conversations c WHERE ${f.conversationWhere})`);
  where.push(...messageConditions(f));
  if (after) where.push(Prisma.sql`(m.sent_at, m.id) < (${after.at}, ${after.id})`);
  return where;
}

/** The filters on a message itself (not on its conversation), over messages aliased m. */
export function messageConditions(f: MessageFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.service) where.push(Prisma.sql`m.service = ${f.service}`);
  if (f.direction) where.push(Prisma.sql`m.direction = ${f.direction}::"Direction"`);
  if (f.status) where.push(Prisma.sql`m.status = ${f.status}`);
  if (f.hasMedia) where.push(Prisma.sql`EXISTS (SELECT 1 FROM media_attachments a WHERE a.message_id = m.id)`);
  if (f.from) where.push(Prisma.sql`m.sent_at >= ${f.from}`);
  if (f.toExclusive) where.push(Prisma.sql`m.sent_at < ${f.toExclusive}`);
  return where;
}

/** The team filters (label:, state:, assignee:) over a conversations row aliased c. */
export function teamConditions(f: MessageFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.conversationIds) where.push(Prisma.sql`c.id = ANY(${f.conversationIds}::int[])`);
  if (f.conversationWhere) where.push(f.conversationWhere);
  return where;
}

/** Every filter on the conversation (the team's, line, contact, one conversation), over c. */
export function conversationConditions(f: MessageFilters): Prisma.Sql[] {
  const where = teamConditions(f);
  if (f.conversationId !== undefined) where.push(Prisma.sql`c.id = ${f.conversationId}`);
  if (f.lineNumber) where.push(Prisma.sql`c.line_id = (SELECT id FROM lines WHERE number = ${f.lineNumber})`);
  if (f.contactNumber) {
    where.push(Prisma.sql`(c.contact_number = ${f.contactNumber}
      OR EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.number = ${f.contactNumber}))`);
  }
  return where;
}

/** `AND …` for conditions to append to a WHERE, or nothing. */
export function andAll(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const NEWEST_SENT_FIRST = Prisma.sql`page.sent_at DESC, page.id DESC`;

/**
 * The page is chosen first (its own plan, LIMIT applied), then decorated for display, in
 * `order` (over the page's rows and their conversation c; newest sent first by default).
 */
export function decoratedPage(
  sql: SqlRunner,
  page: Prisma.Sql,
  order: Prisma.Sql = NEWEST_SENT_FIRST,
): Promise<MessageMatchRow[]> {
  return run<MessageMatchRow>(
    sql,
    Prisma.sql`
    WITH page AS MATERIALIZED (${page})
    SELECT page.id, page.handle, page.direction::text AS direction, page.service, page.status, page.content,
           page.sent_at,
           (SELECT json_agg(json_build_object('kind', a.kind, 'fileName', a.file_name, 'cardName', a.card ->> 'name') ORDER BY a.id)
              FROM media_attachments a WHERE a.message_id = page.id) AS media,
           ${conversationColumns}
    FROM page
    JOIN conversations c ON c.id = page.conversation_id
    ${conversationJoins}
    ORDER BY ${order}`,
  );
}

/** The lexemes ANALYZE found most common in a messages column: search_vector's words or
 * search_pairs' adjacent word pairs (empty before one ran). */
export async function findCommonLexemes(sql: SqlRunner, column: "search_vector" | "search_pairs"): Promise<string[]> {
  const rows = await run<{ elems: string[] | null }>(
    sql,
    Prisma.sql`SELECT most_common_elems::text::text[] AS elems FROM pg_stats
      WHERE schemaname = current_schema() AND tablename = 'messages' AND attname = ${column}`,
  );
  return rows[0]?.elems ?? [];
}

/** Each word's English stems, as the search_stems migration indexes them (none for a stop word). */
export async function findEnglishStems(sql: SqlRunner, words: string[]): Promise<Map<string, string[]>> {
  const rows = await run<{ w: string; stems: string[] }>(
    sql,
    Prisma.sql`SELECT w, tsvector_to_array(to_tsvector('english', search_unaccent(w))) AS stems FROM unnest(${words}::text[]) w`,
  );
  return new Map(rows.map((r) => [r.w, r.stems]));
}

/**
 * Conversations named by every word (accents and case ignored): a contact's, a group with a
 * member of that name, or a group whose display name has the words; `where` narrows them (over c).
 */
export async function findConversationsByName(
  sql: SqlRunner,
  words: string[],
  limit: number,
  where: Prisma.Sql[] = [],
): Promise<ConversationRow[]> {
  if (words.length === 0) return [];
  // Words hold only letters and digits (parse-query splits on everything else): no LIKE wildcards.
  const matching = (column: Prisma.Sql) =>
    Prisma.join(
      words.map((w) => Prisma.sql`${column} LIKE '%' || lower(search_unaccent(${w})) || '%'`),
      " AND ",
    );
  // Each arm is a lookup in a trigram index on a search_name column (contacts', conversations').
  return run<ConversationRow>(
    sql,
    Prisma.sql`
    WITH named AS (SELECT x.number FROM contacts x WHERE ${matching(Prisma.sql`x.search_name`)}),
    ids AS (
      SELECT c.id FROM conversations c JOIN named n ON n.number = c.contact_number
      UNION
      SELECT p.conversation_id FROM conversation_participants p JOIN named n ON n.number = p.number
      UNION
      SELECT c.id FROM conversations c WHERE ${matching(Prisma.sql`c.search_name`)}
    )
    SELECT ${conversationColumns}
    FROM ids
    JOIN conversations c ON c.id = ids.id
    ${conversationJoins}
    WHERE TRUE ${andAll(where)}
    ORDER BY c.last_activity_at DESC, c.id DESC
    LIMIT ${limit}`,
  );
}

export async function run<T>(sql: SqlRunner, statement: Prisma.Sql): Promise<T[]> {
  const result = await sql.query(statement.text, statement.values);
  return result.rows as T[];
}
