import type { SqlRunner } from "@/lib/db/pg-pool";
import { ApiError } from "@/lib/http/api-error";
import { conversationsWithLabels, takeLabelOperators } from "@/lib/labels/label-search-filter";
import { findNoteMatches, type NoteMatchRow } from "@/lib/notes/search-notes";
import { contactName, groupTitle } from "@/lib/read/conversation-title";
import { decodeTimeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { findLatestOfConversations } from "./filter-only-sql";
import { parseQuery, phraseClauses, QueryError, type HighlightTerm, type ParsedQuery } from "./parse-query";
import { findPhoneMatches } from "./phone-search-sql";
import type { SearchInput } from "./search-schemas";
import {
  findConversationsByName,
  findMessageMatches,
  teamConditions,
  type ConversationRow,
  type MessageFilters,
  type MessageMatchRow,
} from "./search-messages-sql";
import { buildSnippet } from "./snippet";
import { hasRareTerm } from "./term-rarity";
import { tsquerySql } from "./tsquery-sql";
import { wordFormsReady } from "./word-forms-ready";
import { takeWorkflowFilters, workflowCondition } from "./workflow-filters";

// GET /api/search: messages matching the query newest first (keyset-paged), plus on the
// first page the conversations whose number or contact name matches and the internal notes
// that match (`notes`, a second source, never mixed into `results`). `label:`, `state:` and
// `assignee:` narrow all three, whatever the query (words, a number); a query of filters
// alone (kind "filters") lists the matching conversations' latest messages, most recently
// active first.

export const DEFAULT_LIMIT = 30;
const CONVERSATION_HITS = 10;
const NOTE_HITS = 10;

export async function searchMessages(sql: SqlRunner, input: SearchInput, viewerId: number | null = null) {
  const { q: withoutLabels, labels } = takeLabelOperators(input.q);
  const { q, filters: workflow } = takeWorkflowFilters(withoutLabels);
  // Only filters, no words: the matching conversations' latest messages (filter-only-sql.ts).
  const filterOnly = q === "" && (labels.length > 0 || workflow.state !== undefined || workflow.assignee !== undefined);
  let parsed: ParsedQuery | { kind: "filters" };
  try {
    parsed = filterOnly ? { kind: "filters" } : parseQuery(q);
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
    conversationIds: await conversationsWithLabels(sql, labels),
    service: input.service,
    direction: input.direction,
    status: input.status,
    hasMedia: input.has === "media",
    from: input.from,
    toExclusive: input.toExclusive,
    conversationWhere: await workflowCondition(sql, workflow, viewerId),
  };

  let rows: MessageMatchRow[];
  let matched: ConversationRow[] = [];
  let notes: NoteMatchRow[] = [];
  let highlight: HighlightTerm[] = [];
  if (parsed.kind === "filters") {
    // Each result stands for its conversation, so no conversations are listed beside them.
    rows = await findLatestOfConversations(sql, { filters, after, limit: limit + 1 });
  } else if (parsed.kind === "phone") {
    ({ rows, conversations: matched } = await findPhoneMatches(sql, {
      digits: parsed.digits,
      filters,
      after,
      limit: limit + 1,
    }));
  } else {
    const wordForms = await wordFormsReady(sql);
    const tsquery = tsquerySql(parsed.clauses, wordForms);
    highlight = wordForms ? parsed.highlight : parsed.highlight.map((h) => ({ ...h, forms: false }));
    // Independent statements: run them side by side on the pool.
    [rows, matched, notes] = await Promise.all([
      hasRareTerm(sql, parsed.clauses, wordForms).then((indexFirst) =>
        findMessageMatches(sql, {
          tsquery,
          phraseClauses: phraseClauses(parsed.clauses),
          filters,
          after,
          limit: limit + 1,
          indexFirst,
        }),
      ),
      after ? [] : findConversationsByName(sql, parsed.nameWords, CONVERSATION_HITS, teamConditions(filters)),
      after ? [] : findNoteMatches(sql, { tsquery, filters, limit: NOTE_HITS }),
    ]);
  }

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    kind: parsed.kind,
    highlight,
    conversations: after ? [] : matched.map(presentConversation),
    notes: notes.map((n) => ({
      noteId: n.note_id,
      conversation: presentConversation(n),
      author: n.author_name,
      createdAt: n.created_at.toISOString(),
      snippet: buildSnippet(n.body, highlight),
    })),
    results: page.map((r) => ({
      id: r.id,
      handle: r.handle,
      conversation: presentConversation(r),
      direction: r.direction,
      service: r.service,
      status: r.status,
      sentAt: r.sent_at.toISOString(),
      hasMedia: r.media !== null,
      snippet: buildSnippet(r.content, highlight),
      // What the attachments are, with the words that matched marked (a hit may be in a
      // file name or a contact card's name rather than the text).
      media: (r.media ?? []).map((a) => ({
        kind: a.kind,
        fileName: a.fileName,
        cardName: a.cardName,
        label: buildSnippet(a.cardName ?? a.fileName ?? "", highlight, 80),
      })),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(
            parsed.kind === "filters"
              ? [last.last_activity_at.toISOString(), last.conversation_id]
              : [last.sent_at.toISOString(), last.id],
          )
        : null,
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
