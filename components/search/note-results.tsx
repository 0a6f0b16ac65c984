import Link from "next/link";
import { formatPhonesIn } from "@/lib/format/phone-number";
import type { SearchResponse } from "@/lib/search/search-messages";
import { HighlightedSnippet } from "./highlighted-snippet";
import { noteHref } from "./search-params";

// Internal notes that match, apart from messages and marked as notes (amber, as in the
// thread), each linking to its conversation.

export function NoteResults({ notes }: { notes: SearchResponse["notes"] }) {
  return (
    <section aria-label="Matching internal notes" className="space-y-2" data-testid="note-results">
      <h2 className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Internal notes</h2>
      <ul className="space-y-2">
        {notes.map((n) => (
          <li key={n.noteId}>
            <Link
              href={noteHref(n.conversation.id, n.noteId)}
              className="block rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 outline-none hover:border-amber-500 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-amber-700/70 dark:bg-amber-950/50 dark:text-amber-50"
            >
              <span className="mb-0.5 flex gap-1.5 text-[11px]">
                <span className="font-semibold uppercase text-amber-800 dark:text-amber-300">Note</span>
                <span>
                  · {n.author} in {formatPhonesIn(n.conversation.title)}
                </span>
              </span>
              <HighlightedSnippet parts={n.snippet} />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
