import { mediaLabel } from "@/components/inbox/format";
import type { SearchResult } from "@/lib/search/search-messages";
import { HighlightedSnippet } from "./highlighted-snippet";

/** A hit's attachments by what they are: kind, and the file or card name with matched words marked. */
export function ResultMedia({ media }: { media: SearchResult["media"] }) {
  if (!media.length) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1.5">
      {media.map((a, i) => (
        <span
          key={i}
          data-media-kind={a.kind}
          className="inline-flex max-w-full items-center gap-1 rounded-md border border-zinc-200 bg-zinc-50 px-1.5 py-0.5 text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          <span className="font-medium">{mediaLabel(a.kind)}</span>
          {a.label.length ? (
            <span className="min-w-0 truncate">
              · <HighlightedSnippet parts={a.label} />
            </span>
          ) : null}
        </span>
      ))}
    </span>
  );
}
