import type { SearchResult } from "@/lib/search/search-messages";

// Snippet parts come from the API already split on match boundaries; each is rendered as
// text, so message content can never become markup.
export function HighlightedSnippet({ parts }: { parts: SearchResult["snippet"] }) {
  return (
    <span className="break-words">
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}
