import type { Db } from "@/lib/db/client";
import { contactName } from "@/lib/read/conversation-title";
import { decodeIdCursor, encodeCursor } from "@/lib/read/cursor";

// A member's @mentions: the in-app notification a note sends. Newest first, keyset-paged;
// read once the member opens them (or marks them read through the API).

const EXCERPT_CHARS = 140;

export type MentionView = {
  id: number;
  noteId: number;
  conversationId: number;
  conversationTitle: string;
  author: string;
  excerpt: string;
  createdAt: string;
  readAt: string | null;
};

const mentionSelect = {
  id: true,
  noteId: true,
  userId: true,
  conversationId: true,
  createdAt: true,
  readAt: true,
  note: {
    select: {
      authorName: true,
      body: true,
      conversation: {
        select: {
          displayName: true,
          contactNumber: true,
          contact: { select: { firstName: true, lastName: true, companyName: true } },
        },
      },
    },
  },
} as const;

type MentionRow = NonNullable<Awaited<ReturnType<typeof findMention>>>;

function findMention(db: Db, id: number) {
  return db.noteMention.findUnique({ where: { id }, select: mentionSelect });
}

function presentMention(m: MentionRow): MentionView {
  const c = m.note.conversation;
  return {
    id: m.id,
    noteId: m.noteId,
    conversationId: m.conversationId,
    conversationTitle: c.displayName ?? contactName(c.contact) ?? c.contactNumber ?? "Group chat",
    author: m.note.authorName,
    excerpt: m.note.body.length > EXCERPT_CHARS ? `${m.note.body.slice(0, EXCERPT_CHARS - 1)}…` : m.note.body,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  };
}

/** One mention and whom it mentions (a Web Push notice names the same as the list does). */
export async function getMention(db: Db, id: number): Promise<(MentionView & { userId: number }) | null> {
  const row = await findMention(db, id);
  return row ? { ...presentMention(row), userId: row.userId } : null;
}

export async function listMentions(
  db: Db,
  userId: number,
  input: { cursor?: string | null; unread?: boolean; limit?: number } = {},
): Promise<{ mentions: MentionView[]; unreadCount: number; nextCursor: string | null }> {
  const limit = input.limit ?? 30;
  const before = decodeIdCursor(input.cursor);
  const [rows, unreadCount] = await Promise.all([
    db.noteMention.findMany({
      where: { userId, ...(input.unread ? { readAt: null } : {}), ...(before !== null ? { id: { lt: before } } : {}) },
      orderBy: { id: "desc" },
      take: limit + 1,
      select: mentionSelect,
    }),
    unreadMentionCount(db, userId),
  ]);
  const page = rows.slice(0, limit);
  return {
    mentions: page.map(presentMention),
    unreadCount,
    nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
  };
}

export function unreadMentionCount(db: Db, userId: number): Promise<number> {
  return db.noteMention.count({ where: { userId, readAt: null } });
}

/** Marks mentions read (only the caller's own; already-read ones keep their first read time). */
export async function markMentionsRead(
  db: Db,
  userId: number,
  which: { ids: number[] } | { all: true },
): Promise<number> {
  const { count } = await db.noteMention.updateMany({
    where: { userId, readAt: null, ...("ids" in which ? { id: { in: which.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
