import type { Db } from "@/lib/db/client";
import { encodeCursor } from "@/lib/read/cursor";
import { listMessages, type MessagePage } from "@/lib/read/list-messages";
import { listThreadEvents, type ThreadEvent } from "@/lib/read/list-thread-events";

// A whole thread, oldest first, one page at a time: the messages API's own keyset paging
// (`after` a cursor, in the same shape and with the same sender names and reply quotes),
// so an export of years of history holds one page in memory.
//
// The events between the bubbles (calls, line events, notes, the activity trail) are read
// over windows that tile the whole timeline with no gap: page k's window runs from the
// last message of page k-1 to its own last message, the first from the beginning and the
// last to the end (the messages API's windows cover only the span of the page's own
// messages, which would drop whatever falls between two pages). Windows share their end
// times; an event exactly on one is written once.

export const EXPORT_PAGE_SIZE = 200;

export type MessageView = MessagePage["messages"][number];
/** `end`: the page's last message's time, where the next page's events start (null on the last page). */
export type ThreadPage = { messages: MessageView[]; events: ThreadEvent[]; end: Date | null };

/** The messages, oldest first, a page at a time; with `events`, each page's window of events too. */
export async function* threadPages(
  db: Db,
  conversationId: number,
  options: { lineId: number | null; events: boolean; pageSize?: number },
): AsyncGenerator<ThreadPage> {
  const nextEvents = eventWindows(db, conversationId, options.lineId);
  const first = await db.message.findFirst({
    where: { conversationId },
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    select: { sentAt: true, id: true },
  });
  // Just before the oldest message, so that `after` starts with it.
  let cursor: string | null = first ? encodeCursor([first.sentAt.toISOString(), first.id - 1]) : null;
  if (!cursor) {
    yield { messages: [], events: options.events ? await nextEvents(null) : [], end: null };
    return;
  }
  while (cursor) {
    const page = await listMessages(db, conversationId, {
      after: cursor,
      limit: options.pageSize ?? EXPORT_PAGE_SIZE,
      withEvents: false,
    });
    cursor = page.newerCursor;
    const end = cursor ? new Date(page.messages.at(-1)!.sentAt) : null;
    yield { messages: page.messages, events: options.events ? await nextEvents(end) : [], end };
  }
}

/**
 * Events window by window: each call returns those after the previous call's end, up to
 * `end` (null: to the end of time). listThreadEvents reads up to 500 of each kind per
 * window, far above what happens between 200 messages.
 */
export function eventWindows(db: Db, conversationId: number, lineId: number | null) {
  let from: Date | null = null;
  let onBoundary = new Set<string>();
  return async (end: Date | null): Promise<ThreadEvent[]> => {
    const events = await listThreadEvents(db, conversationId, lineId, { from, to: end });
    const fresh = events.filter((e) => !onBoundary.has(e.id));
    const endIso = end?.toISOString();
    onBoundary = new Set(events.filter((e) => e.at === endIso).map((e) => e.id));
    from = end;
    return fresh;
  };
}
