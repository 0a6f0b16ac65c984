import Link from "next/link";
import type { ConversationSummary, SearchResult } from "@/lib/search/search-messages";
import { HighlightedSnippet } from "./highlighted-snippet";
import { ResultMedia } from "./result-media";
import { messageHref } from "./search-params";
import { formatPhone, formatPhonesIn } from "@/lib/format/phone-number";
import { formatDateTime } from "@/lib/format/date-time";

// Results grouped by conversation, groups in the order their newest match appears.

export function groupResults(results: SearchResult[]) {
  const groups = new Map<number, { conversation: ConversationSummary; results: SearchResult[] }>();
  for (const r of results) {
    const g = groups.get(r.conversation.id) ?? { conversation: r.conversation, results: [] };
    g.results.push(r);
    groups.set(r.conversation.id, g);
  }
  return [...groups.values()];
}

export function ResultGroups({ results }: { results: SearchResult[] }) {
  return (
    <ol className="space-y-4">
      {groupResults(results).map(({ conversation, results: rows }) => (
        <li
          key={conversation.id}
          className="overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          data-conversation={conversation.id}
        >
          <header className="flex items-baseline justify-between gap-3 border-b border-zinc-100 px-4 py-2 dark:border-zinc-800">
            <Link
              href={`/?c=${conversation.id}`}
              className="truncate font-semibold text-zinc-900 hover:underline dark:text-zinc-100"
            >
              {formatPhonesIn(conversation.title)}
            </Link>
            <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
              {conversation.number && conversation.number !== conversation.title
                ? `${formatPhone(conversation.number)} · `
                : ""}
              {conversation.line ? `via ${formatPhone(conversation.line)}` : ""}
            </span>
          </header>
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((r) => (
              <li key={r.handle}>
                <Link
                  href={messageHref(conversation.id, r.handle)}
                  data-handle={r.handle}
                  className="flex gap-3 px-4 py-2.5 text-sm hover:bg-zinc-50 focus:bg-zinc-50 focus:outline-none dark:hover:bg-zinc-800/60 dark:focus:bg-zinc-800/60"
                >
                  <span
                    title={r.direction === "inbound" ? "Received" : "Sent"}
                    className={`mt-0.5 shrink-0 text-xs font-medium ${r.direction === "inbound" ? "text-emerald-700 dark:text-emerald-400" : "text-blue-600 dark:text-blue-400"}`}
                  >
                    {r.direction === "inbound" ? "← in" : "→ out"}
                  </span>
                  <span className="flex min-w-0 flex-1 flex-col items-start text-zinc-800 dark:text-zinc-200">
                    {r.snippet.length ? <HighlightedSnippet parts={r.snippet} /> : null}
                    <ResultMedia media={r.media} />
                  </span>
                  <span className="shrink-0 text-right text-xs text-zinc-500 dark:text-zinc-400">
                    <time dateTime={r.sentAt}>{formatDateTime(r.sentAt)}</time>
                    {r.service && <span className="block">{r.service}</span>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
