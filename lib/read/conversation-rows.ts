import type { Db } from "@/lib/db/client";
import type pg from "pg";
import { parseJson, queryRows } from "@/lib/db/query-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { MEMBER_UNREAD_COUNT, memberReadsJoin } from "@/lib/workflow/member-reads";
import { hydrateMessage, type Json, MESSAGE_JSON } from "./message-json";
import type { MessageRow } from "./present-message";

// The conversation rows a list page (or one conversation) shows, read in ONE statement: the
// page's own query, each row's line, contact, assignee, typing, labels, group members with
// their contact names, the member's unread count and the last message with its attachments,
// reactions and sender, built into one JSON value per row by PostgreSQL. Through Prisma a
// page was five statements, each paying the client's per-statement cost; bench:inbox and
// bench:read measured that cost as most of the list's time (issues 13 and 14).
//
// The contract with the presenters (presentConversation, presentMessage): each JSON object
// has the keys of ConversationRow / MessageRow below, with timestamps as JSON strings that
// hydrate() turns back into Dates. tests/read/conversation-rows.test.ts holds the answer
// equal to the same rows read through Prisma's models.

/** The conversations columns a row needs, selected by the page's own query (alias c). */
export const CONVERSATION_COLUMNS = Prisma.sql`c.id, c.kind, c.line_id, c.contact_number, c.group_id, c.display_name,
  c.last_message_id, c.last_activity_at, c.unread_count, c.last_read_at, c.last_inbound_at, c.state,
  c.snoozed_until, c.assignee_id`;

export type ConversationRow = {
  id: number;
  kind: "direct" | "group";
  contactNumber: string | null;
  groupId: string | null;
  displayName: string | null;
  lastActivityAt: Date;
  unreadCount: number;
  state: "open" | "snoozed" | "done";
  snoozedUntil: Date | null;
  line: { number: string; name: string | null; blocked: boolean } | null;
  contact: {
    number: string;
    firstName: string | null;
    lastName: string | null;
    companyName: string | null;
    tags: string[];
    optedOut: boolean;
  } | null;
  /** In the order they joined (the title's order); a group's members carry their contact's name parts. */
  participants: { number: string; firstName: string | null; lastName: string | null; companyName: string | null }[];
  typing: { isTyping: boolean; updatedAt: Date } | null;
  labels: { id: number; name: string; color: string }[];
  assignee: { id: number; name: string | null; email: string; disabledAt: Date | null } | null;
  lastMessage: MessageRow | null;
};

function rowJson(viewerId: number | null): Prisma.Sql {
  return Prisma.sql`json_build_object(
  'id', c.id, 'kind', c.kind, 'contactNumber', c.contact_number, 'groupId', c.group_id,
  'displayName', c.display_name, 'lastActivityAt', c.last_activity_at,
  'unreadCount', ${viewerId === null ? Prisma.sql`c.unread_count` : MEMBER_UNREAD_COUNT},
  'state', c.state, 'snoozedUntil', c.snoozed_until,
  'line', (SELECT json_build_object('number', l.number, 'name', l.name, 'blocked', l.blocked) FROM lines l WHERE l.id = c.line_id),
  'contact', (SELECT json_build_object('number', k.number, 'firstName', k.first_name, 'lastName', k.last_name,
      'companyName', k.company_name, 'tags', k.tags, 'optedOut', k.opted_out)
    FROM contacts k WHERE k.number = c.contact_number),
  -- Members added by one webhook share added_at; the number breaks the tie so titles stay put.
  'participants', coalesce((
    SELECT json_agg(json_build_object('number', p.number, 'firstName', k.first_name, 'lastName', k.last_name,
      'companyName', k.company_name) ORDER BY p.added_at, p.number)
    FROM conversation_participants p LEFT JOIN contacts k ON k.number = p.number AND c.kind = 'group'
    WHERE p.conversation_id = c.id), '[]'),
  'typing', (SELECT json_build_object('isTyping', t.is_typing, 'updatedAt', t.updated_at)
    FROM typing_states t WHERE t.conversation_id = c.id),
  -- Each label by its key: as a join, the planner hashed the whole labels table per row.
  'labels', coalesce((
    SELECT json_agg((SELECT json_build_object('id', lb.id, 'name', lb.name, 'color', lb.color)
      FROM labels lb WHERE lb.id = cl.label_id) ORDER BY cl.added_at, cl.label_id)
    FROM conversation_labels cl WHERE cl.conversation_id = c.id), '[]'),
  'assignee', (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'disabledAt', u.disabled_at)
    FROM users u WHERE u.id = c.assignee_id),
  'lastMessage', (SELECT ${MESSAGE_JSON} FROM messages m WHERE m.id = c.last_message_id))`;
}

/**
 * The rows of `page` (a statement selecting CONVERSATION_COLUMNS from conversations c, in
 * the page's order) with everything they show, as `viewerId` sees them (null: the shared
 * unread count), in the page's order. Pages go through the `pg` pool, whose sessions have
 * JIT off (lib/db/client.ts): the planner costs each row's subqueries in full, so a
 * 150-row page passes jit_above_cost and PostgreSQL spent ~350 ms compiling a plan that
 * runs in ~5 ms. Through Prisma's client (one conversation: an export, a push) it stays far
 * below that.
 */
export async function readConversationRows(
  client: Db | pg.Pool,
  page: Prisma.Sql,
  viewerId: number | null,
): Promise<ConversationRow[]> {
  const statement = Prisma.sql`SELECT ${rowJson(viewerId)} AS row
      FROM (${page}) c ${viewerId === null ? Prisma.empty : memberReadsJoin(viewerId)}
      ORDER BY c.last_activity_at DESC, c.id DESC`;
  const rows = await queryRows<{ row: unknown }>(client, statement);
  return rows.map((r) => hydrate(parseJson(r.row as Json<ConversationRow> | string)));
}

const date = (value: string) => new Date(value);
const maybeDate = (value: string | null) => (value === null ? null : new Date(value));

/** The JSON row with its timestamps as Dates, as the presenters take them. */
function hydrate(row: Json<ConversationRow>): ConversationRow {
  return {
    ...row,
    lastActivityAt: date(row.lastActivityAt),
    snoozedUntil: maybeDate(row.snoozedUntil),
    typing: row.typing && { isTyping: row.typing.isTyping, updatedAt: date(row.typing.updatedAt) },
    assignee: row.assignee && { ...row.assignee, disabledAt: maybeDate(row.assignee.disabledAt) },
    lastMessage: row.lastMessage && hydrateMessage(row.lastMessage),
  };
}
