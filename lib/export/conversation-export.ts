import type { Db } from "@/lib/db/client";
import { formatPhone } from "@/lib/format/phone-number";
import { getConversation, type ConversationView } from "@/lib/read/list-conversations";
import { contactNamesByNumber } from "@/lib/read/sender-names";
import { exportFilename, slug } from "./export-filename";
import { eventWindows, threadPages } from "./thread-pages";
import {
  transcriptFoot,
  transcriptHead,
  transcriptPage,
  type TranscriptInfo,
  type TranscriptState,
} from "./transcript-html";
import type { ZoneFormat } from "./zone-format";

// GET /api/conversations/<id>/export: the whole thread as a printable HTML transcript or as
// JSON ({ conversation, exportedAt, messages, events } in the read API's shapes), each
// written page by page (see ./thread-pages.ts and ./stream-response.ts).

export type ConversationExportOptions = {
  format: "html" | "json";
  origin: string;
  time: ZoneFormat;
  viewerId: number | null;
  exportedBy: string | null;
  exportedAt?: Date;
  pageSize?: number;
};

export type ConversationExport = { filename: string; contentType: string; chunks: AsyncGenerator<string> };

/** null when there is no such conversation. */
export async function exportConversation(
  db: Db,
  id: number,
  options: ConversationExportOptions,
): Promise<ConversationExport | null> {
  const [conversation, row] = await Promise.all([
    getConversation(db, id, options.viewerId),
    db.conversation.findUnique({ where: { id }, select: { lineId: true } }),
  ]);
  if (!conversation || !row) return null;
  const exportedAt = options.exportedAt ?? new Date();
  const name = slug(conversation.title, `conversation-${id}`);
  const source = { db, id, lineId: row.lineId, pageSize: options.pageSize };
  if (options.format === "json") {
    return {
      filename: exportFilename([name, "conversation"], "json", exportedAt),
      contentType: "application/json; charset=utf-8",
      chunks: jsonChunks(source, conversation, exportedAt),
    };
  }
  const [range, people] = await Promise.all([
    db.message.aggregate({
      where: { conversationId: id },
      _min: { sentAt: true },
      _max: { sentAt: true },
      _count: { _all: true },
    }),
    conversation.kind === "group"
      ? contactNamesByNumber(db, conversation.participants)
      : new Map<string, string | null>(),
  ]);
  const info: TranscriptInfo = {
    conversation,
    people: conversation.participants.map((n) => {
      const named = people.get(n);
      return named ? `${named} (${formatPhone(n)})` : formatPhone(n);
    }),
    range: {
      first: range._min.sentAt?.toISOString() ?? null,
      last: range._max.sentAt?.toISOString() ?? null,
      count: range._count._all,
    },
    origin: options.origin,
    time: options.time,
    exportedAt,
    exportedBy: options.exportedBy,
  };
  return {
    filename: exportFilename([name, "transcript"], "html", exportedAt),
    contentType: "text/html; charset=utf-8",
    chunks: htmlChunks(source, info),
  };
}

type Source = { db: Db; id: number; lineId: number | null; pageSize?: number };

async function* htmlChunks({ db, id, lineId, pageSize }: Source, info: TranscriptInfo): AsyncGenerator<string> {
  const state: TranscriptState = { day: null };
  let head = transcriptHead(info);
  for await (const page of threadPages(db, id, { lineId, events: true, pageSize })) {
    // A group's reactions are named by their senders' contact names.
    const reacting =
      info.conversation.kind === "group"
        ? page.messages.flatMap((m) => m.reactions.flatMap((r) => (r.senderNumber ? [r.senderNumber] : [])))
        : [];
    const names = await contactNamesByNumber(db, reacting);
    yield head + transcriptPage(page, info, state, names);
    head = "";
  }
  yield transcriptFoot(info);
}

/**
 * Messages first, in one pass over the thread that notes where each page ended; then the
 * events, read over the same windows (so each is written once), for the `events` array.
 */
async function* jsonChunks(
  { db, id, lineId, pageSize }: Source,
  conversation: ConversationView,
  exportedAt: Date,
): AsyncGenerator<string> {
  let prefix = `{"conversation":${JSON.stringify(conversation)},\n"exportedAt":${JSON.stringify(exportedAt.toISOString())},\n"messages":[\n`;
  let separator = "";
  const ends: (Date | null)[] = [];
  for await (const page of threadPages(db, id, { lineId, events: false, pageSize })) {
    ends.push(page.end);
    let chunk = prefix;
    for (const m of page.messages) {
      chunk += separator + JSON.stringify(m);
      separator = ",\n";
    }
    yield chunk;
    prefix = "";
  }
  yield `\n],\n"events":[\n`;
  const nextEvents = eventWindows(db, id, lineId);
  separator = "";
  for (const end of ends) {
    let chunk = "";
    for (const e of await nextEvents(end)) {
      chunk += separator + JSON.stringify(e);
      separator = ",\n";
    }
    yield chunk;
  }
  yield `\n]}\n`;
}
