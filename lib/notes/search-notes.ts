import type { SqlRunner } from "@/lib/db/pg-pool";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  conversationColumns,
  conversationJoins,
  run,
  teamConditions,
  type ConversationRow,
  type MessageFilters,
} from "@/lib/search/search-messages-sql";

// Internal notes are a second source for search: the same tsquery as messages, against the
// notes' own search_vector (same search_document() words and stems). Only the filters that
// make sense for a note apply; a message-only filter (direction, status, media, service,
// dates) means the searcher wants messages, so notes are left out.

export type NoteMatchRow = ConversationRow & { note_id: number; body: string; author_name: string; created_at: Date };

export async function findNoteMatches(
  sql: SqlRunner,
  input: { tsquery: Prisma.Sql; filters: MessageFilters; limit: number },
): Promise<NoteMatchRow[]> {
  const f = input.filters;
  if (f.direction || f.status || f.hasMedia || f.service || f.from || f.toExclusive) return [];
  const where = [Prisma.sql`n.search_vector @@ (${input.tsquery})`];
  if (f.conversationId !== undefined) where.push(Prisma.sql`n.conversation_id = ${f.conversationId}`);
  where.push(...teamConditions(f));
  if (f.contactNumber) where.push(Prisma.sql`c.contact_number = ${f.contactNumber}`);
  if (f.lineNumber) where.push(Prisma.sql`l.number = ${f.lineNumber}`);
  return run<NoteMatchRow>(
    sql,
    Prisma.sql`
    SELECT n.id AS note_id, n.body, n.author_name, n.created_at, ${conversationColumns}
    FROM conversation_notes n
    JOIN conversations c ON c.id = n.conversation_id
    ${conversationJoins}
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${input.limit}`,
  );
}
