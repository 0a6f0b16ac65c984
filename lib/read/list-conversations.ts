import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conversationLabelsSelect } from "@/lib/labels/conversation-labels";
import { contactName, groupTitle } from "./conversation-title";
import { decodeTimeIdCursor, encodeCursor } from "./cursor";
import { messageInclude, presentMessage } from "./present-message";
import { contactNamesByNumber } from "./sender-names";
import { TYPING_FRESH_MS } from "./typing-fresh";
import { memberUnreadCounts } from "@/lib/workflow/member-reads";
import { listPageIds } from "@/lib/workflow/list-page-ids";
import type { InboxTab } from "@/lib/workflow/workflow-schemas";

// Newest activity first, keyset-paged on (last_activity_at, id) — the index
// conversations_last_activity_at_id_idx (or its per-line twin) serves it.

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

// Only the columns the view needs, and every relation in the same statement (LATERAL joins
// built into JSON by PostgreSQL): with Prisma's default of one query per relation, a page
// was five statements here and four more for the last messages, each paying the client's
// per-statement cost (bench:read).
const select = {
  id: true,
  kind: true,
  contactNumber: true,
  groupId: true,
  displayName: true,
  lastMessageId: true,
  lastActivityAt: true,
  unreadCount: true,
  line: { select: { number: true, name: true, blocked: true } },
  contact: { select: { number: true, firstName: true, lastName: true, companyName: true, tags: true, optedOut: true } },
  // Members added by one webhook share added_at; the number breaks the tie so titles stay put.
  participants: { select: { number: true }, orderBy: [{ addedAt: "asc" }, { number: "asc" }] },
  typing: { select: { isTyping: true, updatedAt: true } },
  labels: conversationLabelsSelect,
  state: true,
  snoozedUntil: true,
  assignee: { select: { id: true, name: true, email: true, disabledAt: true } },
} satisfies Prisma.ConversationSelect;

type Row = Prisma.ConversationGetPayload<{ select: typeof select }>;

export async function listConversations(db: Db, input: ListConversationsInput = {}) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const after = decodeTimeIdCursor(input.cursor);
  const viewerId = input.viewerId ?? null;
  const ids = await listPageIds(db, {
    tab: input.tab ?? "all",
    viewerId,
    line: input.line,
    unread: input.unread,
    labelId: input.labelId,
    after,
    limit: limit + 1,
  });
  const rows = await db.conversation.findMany({
    where: { id: { in: ids } },
    select,
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    relationLoadStrategy: "join",
  });
  const page = rows.slice(0, limit);
  const lastIds = page.map((c) => c.lastMessageId).filter((id): id is number => id !== null);
  // The page's last messages and its group members' names, side by side.
  const [lastMessages, names, unread] = await Promise.all([
    lastIds.length
      ? db.message.findMany({ where: { id: { in: lastIds } }, include: messageInclude, relationLoadStrategy: "join" })
      : [],
    participantNames(db, page),
    viewerId !== null
      ? memberUnreadCounts(
          db,
          viewerId,
          page.map((c) => c.id),
        )
      : null,
  ]);
  const byId = new Map(lastMessages.map((m) => [m.id, presentMessage(m)]));
  const last = page.at(-1);
  return {
    conversations: page.map((c) =>
      presentConversation(c, c.lastMessageId ? (byId.get(c.lastMessageId) ?? null) : null, names, unread?.get(c.id)),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor([last.lastActivityAt.toISOString(), last.id]) : null,
  };
}

export type ConversationList = Awaited<ReturnType<typeof listConversations>>;
export type ConversationView = ConversationList["conversations"][number];

// Sendblue lists our own line among a group's participants; the people are the others.
const people = (c: Row) => c.participants.map((p) => p.number).filter((n) => n !== c.line?.number);

/** Names for the people of the groups among `rows`, which their titles use. */
function participantNames(db: Db, rows: Row[]) {
  return contactNamesByNumber(db, rows.filter((c) => c.kind === "group").flatMap(people));
}

function presentConversation(
  c: Row,
  lastMessage: ReturnType<typeof presentMessage> | null,
  names: Map<string, string | null>,
  memberUnread?: number,
) {
  const participants = people(c);
  const title =
    c.kind === "group"
      ? groupTitle(
          c.displayName,
          participants.map((n) => names.get(n) ?? n),
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
    participants,
    lastMessage,
    unreadCount: memberUnread ?? c.unreadCount,
    state: c.state,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    // A disabled member's conversations show as unassigned.
    assignee:
      c.assignee && !c.assignee.disabledAt ? { id: c.assignee.id, name: c.assignee.name ?? c.assignee.email } : null,
    typing,
    labels: c.labels.map((l) => l.label),
    updatedAt: c.lastActivityAt.toISOString(),
  };
}

export async function getConversation(db: Db, id: number, viewerId: number | null = null) {
  // Every live change refetches its conversation in each open page, so this read is on the
  // path from a change to other members' screens: the reads that need only the id (or only
  // the row) run side by side on the pool rather than one after another.
  const [row, unreadById] = await Promise.all([
    db.conversation.findUnique({ where: { id }, select, relationLoadStrategy: "join" }),
    viewerId !== null ? memberUnreadCounts(db, viewerId, [id]) : null,
  ]);
  if (!row) return null;
  const [last, names] = await Promise.all([
    row.lastMessageId
      ? db.message.findUnique({
          where: { id: row.lastMessageId },
          include: messageInclude,
          relationLoadStrategy: "join",
        })
      : null,
    participantNames(db, [row]),
  ]);
  return presentConversation(row, last ? presentMessage(last) : null, names, unreadById?.get(id));
}
