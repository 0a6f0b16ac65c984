"use client";

import Link from "next/link";
import { useSWRConfig } from "swr";
import useSWRInfinite from "swr/infinite";
import { getJson, sendSignal } from "@/components/shell/api-client";
import { LocalTime } from "@/components/shell/local-time";
import { MENTIONS_KEY } from "@/components/shell/mentions-badge";
import { noteHref } from "@/components/search/search-params";
import type { MentionView } from "@/lib/notes/mentions";

// Notes that @mentioned the signed-in member, newest first. Opening one marks it read and
// goes to its conversation, scrolled to the note; "Mark all read" clears the badge.

type Page = { mentions: MentionView[]; unreadCount: number; nextCursor: string | null };

function markRead(body: { ids: number[] } | { all: true }) {
  return sendSignal("/api/mentions/read", body);
}

export function MentionList() {
  const { mutate: mutateGlobal } = useSWRConfig();
  const { data, size, setSize, mutate } = useSWRInfinite<Page>(
    (i, prev: Page | null) =>
      i === 0 ? "/api/mentions?limit=30" : prev?.nextCursor ? `/api/mentions?limit=30&cursor=${prev.nextCursor}` : null,
    getJson,
  );
  const mentions = data?.flatMap((p) => p.mentions) ?? [];
  const unread = data?.[0]?.unreadCount ?? 0;
  const refresh = async () => {
    await mutate();
    await mutateGlobal(MENTIONS_KEY);
  };

  if (!data) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (mentions.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No one has mentioned you in a note yet.</p>;
  return (
    <div className="space-y-3">
      {unread > 0 && (
        <button
          type="button"
          onClick={() => void markRead({ all: true }).then(refresh)}
          className="rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Mark all read
        </button>
      )}
      <ul
        className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
        data-testid="mention-list"
      >
        {mentions.map((m) => (
          <li key={m.id}>
            <Link
              href={noteHref(m.conversationId, m.noteId)}
              onClick={() => void (m.readAt ? null : markRead({ ids: [m.id] }).then(refresh))}
              className="flex gap-3 px-4 py-3 outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-blue-500 dark:hover:bg-zinc-800/60"
            >
              <span
                aria-hidden="true"
                className={`mt-1.5 size-2 shrink-0 rounded-full ${m.readAt ? "bg-transparent" : "bg-blue-600 dark:bg-blue-400"}`}
              />
              <span className="min-w-0 flex-1">
                <span className="flex flex-wrap gap-x-2 text-sm">
                  <span className="font-medium">{m.author}</span>
                  <span className="text-zinc-600 dark:text-zinc-400">in {m.conversationTitle}</span>
                  {m.readAt ? null : <span className="sr-only">(unread)</span>}
                  <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                    <LocalTime iso={m.createdAt} />
                  </span>
                </span>
                <span className="mt-0.5 block truncate text-sm text-zinc-700 dark:text-zinc-300">{m.excerpt}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {data.at(-1)?.nextCursor ? (
        <button
          type="button"
          onClick={() => void setSize(size + 1)}
          className="rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Load more
        </button>
      ) : null}
    </div>
  );
}
