import type { SqlRunner } from "@/lib/db/pg-pool";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  andAll,
  conversationConditions,
  decoratedPage,
  MESSAGE_COLUMNS,
  messageConditions,
  type MessageFilters,
  type MessageMatchRow,
} from "./search-messages-sql";

// A query made only of filters (`state:done`, `assignee:me`, `label:vip`, or several) has no
// words to look up, so it lists what a team inbox lists: the matching conversations, most
// recently active first, each with its newest message (the newest that passes the message
// filters, when there are some). The walk goes over conversations, newest activity first
// (the conversations indexes on (state | assignee_id, state | –, last_activity_at, id)
// carry that order), and reads each one's newest message from
// messages_conversation_id_sent_at_id_idx, stopping at the page size: it never scans messages.
// Keyset-paged on the conversation's (last_activity_at, id).

export async function findLatestOfConversations(
  sql: SqlRunner,
  input: { filters: MessageFilters; after: { at: Date; id: number } | null; limit: number },
): Promise<MessageMatchRow[]> {
  const where = conversationConditions(input.filters);
  if (input.after) where.push(Prisma.sql`(c.last_activity_at, c.id) < (${input.after.at}, ${input.after.id})`);
  return decoratedPage(
    sql,
    Prisma.sql`
      SELECT m.* FROM conversations c
      CROSS JOIN LATERAL (
        SELECT ${MESSAGE_COLUMNS} FROM messages m
        WHERE m.conversation_id = c.id ${andAll(messageConditions(input.filters))}
        ORDER BY m.sent_at DESC, m.id DESC LIMIT 1
      ) m
      WHERE TRUE ${andAll(where)}
      ORDER BY c.last_activity_at DESC, c.id DESC
      LIMIT ${input.limit}`,
    // The decorated rows keep the walk's order (their conversation's, not their own time).
    Prisma.sql`c.last_activity_at DESC, c.id DESC`,
  );
}
