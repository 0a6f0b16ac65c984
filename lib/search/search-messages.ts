import type { SqlRunner } from "@/lib/db/pg-pool";
import { ApiError } from "@/lib/http/api-error";
import { contactName, groupTitle } from "@/lib/read/conversation-title";
import { decodeTimeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { parseQuery, phraseClauses, QueryError, toTsquery } from "./parse-query";
import type { SearchInput } from "./search-schemas";
import {
  findConversationsByName,
  findConversationsByNumber,
  findMessageMatches,
  type ConversationRow,
  type MessageFilters,
  type MessageMatchRow,
} from "./search-messages-sql";
import { buildSnippet } from "./snippet";
import { hasRareTerm } from "./term-rarity";

// GET /api/search: messages matching the query newest first (keyset-paged), plus on the
// first page the conversations whose number or contact name matches.

export const DEFAULT_LIMIT = 30;
const CONVERSATION_HITS = 10;
// A phone fragment as short as "512" matches many numbers; their messages are listed from
// the most recently active conversations only.
const PHONE_SCOPE = 50;

export async function searchMessages(sql: SqlRunner, input: SearchInput) {
  let parsed;
  try {
    parsed = parseQuery(input.q);
  } catch (error) {
    if (error instanceof QueryError) throw new ApiError(400, error.code, error.message);
    throw error;
  }
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeTimeIdCursor(input.cursor);
  const filters: MessageFilters = {
    lineNumber: input.line,
    contactNumber: input.contact,
    conversationId: input.conversation,
    service: input.service,
    direction: input.direction,
    status: input.status,
    hasMedia: input.has === "media",
    from: input.from,
    toExclusive: input.toExclusive,
  };

  let rows: MessageMatchRow[];
  let matched: ConversationRow[] = [];
  if (parsed.kind === "phone") {
    const scope = await findConversationsByNumber(sql, parsed.digits, PHONE_SCOPE);
    matched = scope.slice(0, CONVERSATION_HITS);
    if (scope.length === 0) return { kind: parsed.kind, highlight: [], conversations: [], results: [], nextCursor: null };
    filters.conversationIds = scope.map((c) => c.conversation_id);
    rows = await findMessageMatches(sql, { tsquery: null, filters, after, limit: limit + 1 });
  } else {
    const tsquery = toTsquery(parsed.clauses);
    // Independent statements: run them side by side on the pool.
    [rows, matched] = await Promise.all([
      hasRareTerm(sql, parsed.clauses).then((indexFirst) =>
        findMessageMatches(sql, { tsquery, phraseClauses: phraseClauses(parsed.clauses), filters, after, limit: limit + 1, indexFirst }),
      ),
      after ? [] : findConversationsByName(sql, parsed.nameWords, CONVERSATION_HITS),
    ]);
  }

  const page = rows.slice(0, limit);
  const highlight = parsed.kind === "text" ? parsed.highlight : [];
  const last = page.at(-1);
  return {
    kind: parsed.kind,
    highlight,
    conversations: after ? [] : matched.map(presentConversation),
    results: page.map((r) => ({
      id: r.id,
      handle: r.handle,
      conversation: presentConversation(r),
      direction: r.direction,
      service: r.service,
      status: r.status,
      sentAt: r.sent_at.toISOString(),
      hasMedia: r.has_media,
      snippet: buildSnippet(r.content, highlight),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.sent_at.toISOString(), last.id]) : null,
  };
}

export type SearchResponse = Awaited<ReturnType<typeof searchMessages>>;
export type SearchResult = SearchResponse["results"][number];
export type ConversationSummary = ReturnType<typeof presentConversation>;

function presentConversation(c: ConversationRow) {
  const name = contactName({ firstName: c.first_name, lastName: c.last_name, companyName: c.company_name });
  const title = c.kind === "group" ? groupTitle(c.display_name, c.people ?? []) : name || c.contact_number || "Unknown";
  return {
    id: c.conversation_id,
    kind: c.kind,
    title,
    number: c.contact_number,
    line: c.line_number,
    lastActivityAt: c.last_activity_at.toISOString(),
  };
}
