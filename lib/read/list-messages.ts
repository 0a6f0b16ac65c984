import type { Db, Tx } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { parseJson } from "@/lib/db/query-rows";
import { ApiError } from "@/lib/http/api-error";
import { placeholderClientId } from "@/lib/send/placeholder-handle";
import { contactName } from "./conversation-title";
import { decodeTimeIdCursor, encodeCursor } from "./cursor";
import { presentThreadEvents } from "./list-thread-events";
import { hydrateMessage } from "./message-json";
import { messageInclude, presentMessage } from "./present-message";
import { replyQuote, withReplyQuotes } from "./reply-quotes";
import { withSenderNames } from "./sender-names";
import { type ThreadPagePlan, readThreadPage } from "./thread-page";

// A thread page, always returned oldest to newest. Keyset on (sent_at, id) via
// messages_conversation_id_sent_at_id_idx, in one of three modes:
//   latest (no cursor) · `before` (older than a cursor) · `after` (newer than a cursor)
//   · `around` a message handle (half older, the message, half newer: jump-to-message)
//   · `aroundNote` an internal note's id (the messages either side of the note's time, so
//     the note falls inside the page's window: an @mention's link opens at its note).
// `nextCursor` pages older, `newerCursor` pages newer (null once the live end is reached).
// Call logs and line events falling inside the page's time window come along in `events`.
// The whole page is one statement (lib/read/thread-page.ts); a conversation that does not
// exist is a 404.

export type ListMessagesInput = {
  before?: string | null;
  after?: string | null;
  around?: string | null;
  aroundNote?: number | null;
  limit?: number;
  /** false: messages only (an export reads the events over its own windows; see lib/export/thread-pages.ts). */
  withEvents?: boolean;
};

const cursorOf = (m: { sentAt: string; id: number }) => encodeCursor([m.sentAt, m.id]);

function planOf(input: ListMessagesInput): ThreadPagePlan {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const modes = [input.before, input.after, input.around, input.aroundNote].filter(Boolean).length;
  if (modes > 1) throw new ApiError(400, "invalid_request", "Use only one of before, after, around and aroundNote");
  const withEvents = input.withEvents ?? true;
  const half = Math.max(Math.floor(limit / 2), 1);
  const both = { older: half, newer: half, olderBeyond: false, newerBeyond: false, withEvents };
  if (input.around) return { anchor: { handle: input.around }, ...both };
  if (input.aroundNote) return { anchor: { noteId: input.aroundNote }, ...both };
  if (input.after) {
    const cursor = decodeTimeIdCursor(input.after)!;
    return { anchor: { cursor }, older: null, newer: limit, olderBeyond: true, newerBeyond: false, withEvents };
  }
  const cursor = decodeTimeIdCursor(input.before);
  return {
    anchor: cursor && { cursor },
    older: limit,
    newer: null,
    olderBeyond: false,
    newerBeyond: Boolean(input.before),
    withEvents,
  };
}

export async function listMessages(client: Db | Tx | SqlRunner, conversationId: number, input: ListMessagesInput = {}) {
  const plan = planOf(input);
  const page = await readThreadPage(client, conversationId, plan);
  if (!page.found) throw new ApiError(404, "not_found", `No conversation ${conversationId}`);
  if (!page.anchored) {
    const what = input.around ? "message" : "note";
    throw new ApiError(404, "not_found", `That ${what} is not in this conversation`);
  }
  // A sender's name shows on inbound messages (group threads), looked up by number.
  const inbound = new Set(
    page.messages.flatMap(({ m }) => (m.direction === "inbound" && m.senderNumber ? [m.senderNumber] : [])),
  );
  const messages = page.messages.map(({ m, sender, parent }) => {
    const view = presentMessage(hydrateMessage(m));
    return {
      ...view,
      senderName: view.senderNumber && inbound.has(view.senderNumber) ? contactName(sender) : null,
      replyQuote: replyQuote(view, parent),
    };
  });
  const oldest = messages[0];
  const newest = messages.at(-1);
  return {
    messages,
    events: page.events === null ? [] : presentThreadEvents(parseJson(page.events)),
    nextCursor: page.hasOlder && oldest ? cursorOf(oldest) : null,
    newerCursor: page.hasNewer && newest ? cursorOf(newest) : null,
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
