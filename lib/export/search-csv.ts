import type { Db } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { formatPhonesIn } from "@/lib/format/phone-number";
import { messageInclude, presentMessage } from "@/lib/read/present-message";
import { withSenderNames } from "@/lib/read/sender-names";
import type { SearchInput } from "@/lib/search/search-schemas";
import { searchMessages } from "@/lib/search/search-messages";
import { messageHref } from "@/components/search/search-params";
import { statusLabel } from "@/components/inbox/message-status";
import { CSV_BOM, csvRow } from "./csv";
import { absoluteUrl, senderLabel } from "./sender-label";
import type { ZoneFormat } from "./zone-format";

// GET /api/search/export: every message the same search finds (the same parser, filters and
// newest-first order as GET /api/search), one CSV row each, written a page at a time.
// Search answers snippets; the rows carry each message's whole text and attachment links,
// read for the page's ids in one query. Matching notes are a separate source in search and
// are not rows here.

const PAGE_SIZE = 100;

export async function* searchCsv(
  sql: SqlRunner,
  db: Db,
  input: Omit<SearchInput, "cursor" | "limit">,
  options: { viewerId: number | null; origin: string; time: ZoneFormat; pageSize?: number },
): AsyncGenerator<string> {
  let header =
    CSV_BOM +
    csvRow([
      `Time (${options.time.timeZone})`,
      "Conversation",
      "Contact number",
      "Line",
      "Direction",
      "From",
      "Service",
      "Status",
      "Text",
      "Attachments",
      "Link",
    ]);
  let cursor: string | undefined;
  do {
    const page = await searchMessages(
      sql,
      { ...input, cursor, limit: options.pageSize ?? PAGE_SIZE },
      options.viewerId,
    );
    const full = await wholeMessages(
      db,
      page.results.map((r) => r.id),
    );
    let chunk = header;
    header = "";
    for (const r of page.results) {
      const m = full.get(r.id);
      const c = { kind: r.conversation.kind, title: r.conversation.title, line: r.conversation.line };
      chunk += csvRow([
        options.time.sortable(r.sentAt),
        formatPhonesIn(r.conversation.title),
        r.conversation.number,
        r.conversation.line,
        r.direction,
        m ? senderLabel(m, c) : null,
        r.service,
        r.direction === "outbound" ? statusLabel(m ?? { ...r, error: null, wasDowngraded: false }).text : "Received",
        // Gone since the search ran (retention): the snippet is what there is.
        m ? m.content : r.snippet.map((p) => p.text).join(""),
        m?.media.map((a) => absoluteUrl(options.origin, a.url)).join("\n"),
        `${options.origin}${messageHref(r.conversation.id, r.handle)}`,
      ]);
    }
    yield chunk;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

async function wholeMessages(db: Db, ids: number[]) {
  if (!ids.length) return new Map<number, never>();
  const rows = await db.message.findMany({
    where: { id: { in: ids } },
    include: messageInclude,
    relationLoadStrategy: "join",
  });
  const messages = await withSenderNames(db, rows.map(presentMessage));
  return new Map(messages.map((m) => [m.id, m]));
}
