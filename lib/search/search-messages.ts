import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { decodeTimeIdCursor, encodeCursor } from "@/lib/read/cursor";
import { contactName } from "@/lib/read/list-conversations";
import { parseQuery, QueryError, toTsquery } from "./parse-query";
import type { SearchInput } from "./search-schemas";
import {
  findConversationIdsByName,
  findConversationIdsByNumber,
  findMessageMatches,
  type MessageFilters,
} from "./search-messages-sql";
import { buildSnippet } from "./snippet";

// GET /api/search: messages matching the query newest first (keyset-paged), plus on the
// first page the conversations whose number or contact name matches.

export const DEFAULT_LIMIT = 30;
const CONVERSATION_HITS = 10;
// A phone fragment as short as "512" matches many numbers; their messages are listed from
// the most recently active conversations only.
const PHONE_SCOPE = 50;

export async function searchMessages(db: Db, input: SearchInput) {
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

  let tsquery: string | null = null;
  let matchedConversations: number[] = [];
  if (parsed.kind === "phone") {
    const scope = await findConversationIdsByNumber(db, parsed.digits, PHONE_SCOPE);
    matchedConversations = scope.slice(0, CONVERSATION_HITS);
    if (scope.length === 0) return { kind: parsed.kind, highlight: [], conversations: [], results: [], nextCursor: null };
    filters.conversationIds = scope;
  } else {
    tsquery = toTsquery(parsed.clauses);
    if (!after) matchedConversations = await findConversationIdsByName(db, parsed.nameWords, CONVERSATION_HITS);
  }

  const rows = await findMessageMatches(db, { tsquery, filters, after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const highlight = parsed.kind === "text" ? parsed.highlight : [];
  const summaries = await conversationSummaries(db, [...new Set([...matchedConversations, ...page.map((r) => r.conversation_id)])]);
  const last = page.at(-1);
  return {
    kind: parsed.kind,
    highlight,
    conversations: after ? [] : matchedConversations.flatMap((id) => summaries.get(id) ?? []),
    results: page.map((r) => ({
      id: r.id,
      handle: r.handle,
      conversation: summaries.get(r.conversation_id)!,
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
export type ConversationSummary = SearchResponse["conversations"][number];

async function conversationSummaries(db: Db, ids: number[]) {
  const rows = ids.length
    ? await db.conversation.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          kind: true,
          displayName: true,
          contactNumber: true,
          lastActivityAt: true,
          line: { select: { number: true } },
          contact: { select: { number: true, firstName: true, lastName: true, companyName: true, optedOut: true } },
          participants: { select: { number: true }, orderBy: { addedAt: "asc" } },
        },
      })
    : [];
  return new Map(
    rows.map((c) => {
      const participants = c.participants.map((p) => p.number);
      const title =
        c.kind === "group"
          ? c.displayName || participants.join(", ") || "Group chat"
          : contactName(c.contact) || c.contactNumber || "Unknown";
      return [
        c.id,
        {
          id: c.id,
          kind: c.kind,
          title,
          number: c.contactNumber,
          line: c.line?.number ?? null,
          lastActivityAt: c.lastActivityAt.toISOString(),
        },
      ] as const;
    }),
  );
}
