import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/api-error";
import { placeholderClientId } from "@/lib/send/placeholder-handle";
import { decodeTimeIdCursor, encodeCursor } from "./cursor";
import { listThreadEvents } from "./list-thread-events";
import { withSenderNames } from "./sender-names";
import { messageInclude, presentMessage } from "./present-message";
import { withReplyQuotes } from "./reply-quotes";

// A thread page, always returned oldest to newest. Keyset on (sent_at, id) via
// messages_conversation_id_sent_at_id_idx, in one of three modes:
//   latest (no cursor) · `before` (older than a cursor) · `after` (newer than a cursor)
//   · `around` a message handle (half older, the message, half newer: jump-to-message)
//   · `aroundNote` an internal note's id (the messages either side of the note's time, so
//     the note falls inside the page's window: an @mention's link opens at its note).
// `nextCursor` pages older, `newerCursor` pages newer (null once the live end is reached).
// Call logs and line events falling inside the page's time window come along in `events`.

export type ListMessagesInput = {
  before?: string | null;
  after?: string | null;
  around?: string | null;
  aroundNote?: number | null;
  limit?: number;
  /** false: messages only (an export reads the events over its own windows; see lib/export/thread-pages.ts). */
  withEvents?: boolean;
};

type Row = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;
type Key = { at: Date; id: number };

const cursorOf = (m: Row) => encodeCursor([m.sentAt.toISOString(), m.id]);
const olderThan = (k: Key): Prisma.MessageWhereInput => ({
  OR: [{ sentAt: { lt: k.at } }, { sentAt: k.at, id: { lt: k.id } }],
});
const newerThan = (k: Key): Prisma.MessageWhereInput => ({
  OR: [{ sentAt: { gt: k.at } }, { sentAt: k.at, id: { gt: k.id } }],
});

export async function listMessages(db: Db, conversationId: number, input: ListMessagesInput = {}) {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const modes = [input.before, input.after, input.around, input.aroundNote].filter(Boolean).length;
  if (modes > 1) throw new ApiError(400, "invalid_request", "Use only one of before, after, around and aroundNote");

  // The conversation's line (for its line events) is read beside the messages, not after
  // them. Started now (a Prisma query runs when first awaited); a failure is handled where
  // it is awaited, or nowhere if a 404 comes first — hence the no-op catch.
  const withEvents = input.withEvents ?? true;
  const conversationLine = withEvents
    ? Promise.resolve(db.conversation.findUnique({ where: { id: conversationId }, select: { lineId: true } }))
    : Promise.resolve(null);
  conversationLine.catch(() => {});
  const fetchOlder = (key: Key | null, take: number) =>
    db.message.findMany({
      where: { conversationId, ...(key ? olderThan(key) : {}) },
      include: messageInclude,
      relationLoadStrategy: "join",
      orderBy: [{ sentAt: "desc" }, { id: "desc" }],
      take: take + 1,
    });
  const fetchNewer = (key: Key, take: number) =>
    db.message.findMany({
      where: { conversationId, ...newerThan(key) },
      include: messageInclude,
      relationLoadStrategy: "join",
      orderBy: [{ sentAt: "asc" }, { id: "asc" }],
      take: take + 1,
    });

  let older: Row[] = []; // newest first
  let newer: Row[] = []; // oldest first
  let hasOlder = false;
  let hasNewer = false;

  if (input.around) {
    const target = await db.message.findUnique({
      where: { handle: input.around },
      include: messageInclude,
      relationLoadStrategy: "join",
    });
    if (!target || target.conversationId !== conversationId) {
      throw new ApiError(404, "not_found", "That message is not in this conversation");
    }
    const key = { at: target.sentAt, id: target.id };
    const half = Math.max(Math.floor(limit / 2), 1);
    const [o, n] = await Promise.all([fetchOlder(key, half), fetchNewer(key, half)]);
    hasOlder = o.length > half;
    hasNewer = n.length > half;
    older = o.slice(0, half);
    newer = [target, ...n.slice(0, half)];
  } else if (input.aroundNote) {
    const note = await db.conversationNote.findUnique({
      where: { id: input.aroundNote },
      select: { conversationId: true, createdAt: true },
    });
    if (!note || note.conversationId !== conversationId) {
      throw new ApiError(404, "not_found", "That note is not in this conversation");
    }
    // Messages up to the note's time on one side, after it on the other: the page's event
    // window (oldest to newest message) then holds the note.
    const key = { at: note.createdAt, id: 2_147_483_647 }; // every id at that instant: ids are int4
    const half = Math.max(Math.floor(limit / 2), 1);
    const [o, n] = await Promise.all([fetchOlder(key, half), fetchNewer(key, half)]);
    hasOlder = o.length > half;
    hasNewer = n.length > half;
    older = o.slice(0, half);
    newer = n.slice(0, half);
  } else if (input.after) {
    const n = await fetchNewer(decodeTimeIdCursor(input.after)!, limit);
    hasNewer = n.length > limit;
    newer = n.slice(0, limit);
    hasOlder = true;
  } else {
    const o = await fetchOlder(decodeTimeIdCursor(input.before), limit);
    hasOlder = o.length > limit;
    older = o.slice(0, limit);
    hasNewer = Boolean(input.before);
  }

  const rows = [...older.reverse(), ...newer];
  const oldest = rows[0];
  const newest = rows.at(-1);
  const conversation = await conversationLine;
  const [events, messages] = await Promise.all([
    conversation
      ? listThreadEvents(db, conversationId, conversation.lineId, {
          from: hasOlder ? (oldest?.sentAt ?? null) : null,
          to: hasNewer ? (newest?.sentAt ?? null) : null,
        })
      : [],
    withSenderNames(db, rows.map(presentMessage)).then((page) => withReplyQuotes(db, page)),
  ]);
  return {
    messages,
    events,
    nextCursor: hasOlder && oldest ? cursorOf(oldest) : null,
    newerCursor: hasNewer && newest ? cursorOf(newest) : null,
  };
}

export type MessagePage = Awaited<ReturnType<typeof listMessages>>;

/** A message by handle; a reply's placeholder handle still finds it once Sendblue's replaced it. */
export async function getMessageWithHistory(db: Db, handle: string) {
  const include = {
    ...messageInclude,
    statusHistory: { orderBy: [{ occurredAt: "asc" as const }, { id: "asc" as const }] },
  };
  const clientId = placeholderClientId(handle);
  const m =
    (await db.message.findUnique({ where: { handle }, include, relationLoadStrategy: "join" })) ??
    (clientId ? await db.message.findUnique({ where: { clientId }, include, relationLoadStrategy: "join" }) : null);
  if (!m) return null;
  const [view] = await withReplyQuotes(db, await withSenderNames(db, [presentMessage(m)]));
  return {
    ...view!,
    statusHistory: m.statusHistory.map((s) => ({
      status: s.status,
      errorCode: s.errorCode,
      errorMessage: s.errorMessage,
      occurredAt: s.occurredAt?.toISOString() ?? null,
      receivedAt: s.receivedAt.toISOString(),
    })),
  };
}

export type MessageDetail = NonNullable<Awaited<ReturnType<typeof getMessageWithHistory>>>;
