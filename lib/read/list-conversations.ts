import type { Db } from "@/lib/db/client";
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { CONVERSATION_COLUMNS, readConversationRows, type ConversationRow } from "./conversation-rows";
import { contactName, groupTitle } from "./conversation-title";
import { decodeTimeIdCursor, encodeCursor } from "./cursor";
import { presentMessage } from "./present-message";
import { TYPING_FRESH_MS } from "./typing-fresh";
import { pageQuery } from "@/lib/workflow/list-page-ids";
import type { InboxTab } from "@/lib/workflow/workflow-schemas";

// Newest activity first, keyset-paged on (last_activity_at, id) — the index
// conversations_last_activity_at_id_idx (or its per-line twin) serves it. A page is one
// statement (the tab's query and the rows it shows, lib/read/conversation-rows.ts); the API
// passes the `pg` pool, which skips Prisma's per-statement cost (lib/db/pg-pool.ts).

export type ListConversationsInput = {
  cursor?: string | null;
  line?: string | null;
  unread?: boolean;
  /** Only conversations carrying this label. */
  labelId?: number | null;
  limit?: number;
  /** Workflow tab (lib/workflow/list-page-ids.ts); the API's default is every conversation. */
  tab?: InboxTab;
  /** The member asking: unread counts and the Unread filter are theirs (null: the shared count). */
  viewerId?: number | null;
};

export async function listConversations(sql: Db | pg.Pool, input: ListConversationsInput = {}) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const viewerId = input.viewerId ?? null;
  const page = await pageQuery(
    sql,
    {
      tab: input.tab ?? "all",
      viewerId,
      line: input.line,
      unread: input.unread,
      labelId: input.labelId,
      after: decodeTimeIdCursor(input.cursor),
      limit: limit + 1,
    },
    CONVERSATION_COLUMNS,
  );
  const rows = await readConversationRows(sql, page, viewerId);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    conversations: shown.map(presentConversation),
    nextCursor: rows.length > limit && last ? encodeCursor([last.lastActivityAt.toISOString(), last.id]) : null,
  };
}

export type ConversationList = Awaited<ReturnType<typeof listConversations>>;
export type ConversationView = ConversationList["conversations"][number];

// Sendblue lists our own line among a group's participants; the people are the others.
const people = (c: ConversationRow) => c.participants.filter((p) => p.number !== c.line?.number);

function presentConversation(c: ConversationRow) {
  const participants = people(c);
  const title =
    c.kind === "group"
      ? groupTitle(
          c.displayName,
          participants.map((p) => contactName(p) ?? p.number),
        )
      : contactName(c.contact) || c.contactNumber || "Unknown";
  const typing = Boolean(c.typing?.isTyping && Date.now() - c.typing.updatedAt.getTime() < TYPING_FRESH_MS);
  return {
    id: c.id,
    kind: c.kind,
    line: c.line?.number ?? null,
    lineName: c.line?.name ?? null,
    /** The 1:1 conversation's number, whether or not a contact row names it. */
    contactNumber: c.kind === "direct" ? c.contactNumber : null,
    lineBlocked: c.line?.blocked ?? false,
    title,
    contact: c.contact
      ? {
          number: c.contact.number,
          name: contactName(c.contact),
          firstName: c.contact.firstName,
          lastName: c.contact.lastName,
          company: c.contact.companyName,
          tags: c.contact.tags,
          optedOut: c.contact.optedOut,
        }
      : null,
    groupId: c.groupId,
    participants: participants.map((p) => p.number),
    lastMessage: c.lastMessage && presentMessage(c.lastMessage),
    unreadCount: c.unreadCount,
    state: c.state,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    // A disabled member's conversations show as unassigned.
    assignee:
      c.assignee && !c.assignee.disabledAt ? { id: c.assignee.id, name: c.assignee.name ?? c.assignee.email } : null,
    typing,
    labels: c.labels,
    updatedAt: c.lastActivityAt.toISOString(),
  };
}

export async function getConversation(sql: Db | pg.Pool, id: number, viewerId: number | null = null) {
  const [row] = await readConversationRows(
    sql,
    Prisma.sql`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ${id}`,
    viewerId,
  );
  return row ? presentConversation(row) : null;
}
