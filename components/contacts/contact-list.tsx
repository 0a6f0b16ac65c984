"use client";

import Link from "next/link";
import useSWRInfinite from "swr/infinite";
import { getJson } from "@/components/shell/api-client";
import { LocalTime } from "@/components/shell/local-time";
import type { ContactList as ContactPage, ContactView } from "@/lib/read/list-contacts";
import { formatPhone } from "@/lib/format/phone-number";
import { LoadMore } from "@/components/shell/load-more";

/** The first page comes from the server render; "Load more" follows the keyset cursor. */
export function ContactList({ query, initial }: { query: string; initial: ContactPage }) {
  const { data, size, setSize, isValidating, error } = useSWRInfinite<ContactPage>(
    (index, previous) => {
      if (index === 0) return `/api/contacts?q=${encodeURIComponent(query)}`;
      if (!previous?.nextCursor) return null;
      return `/api/contacts?q=${encodeURIComponent(query)}&cursor=${encodeURIComponent(previous.nextCursor)}`;
    },
    getJson,
    { fallbackData: [initial], revalidateFirstPage: false, revalidateOnFocus: false },
  );
  const pages = data ?? [initial];
  const contacts = pages.flatMap((p) => p.contacts);
  const hasMore = Boolean(pages.at(-1)?.nextCursor);
  const loadingMore = isValidating && size > pages.length;

  return (
    <div className="space-y-3">
      <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {contacts.map((c) => (
          <ContactRow key={c.id} contact={c} />
        ))}
      </ul>
      <LoadMore error={error} hasMore={hasMore} loading={loadingMore} onLoad={() => void setSize(size + 1)} />
    </div>
  );
}

function ContactRow({ contact: c }: { contact: ContactView }) {
  const initials = (c.name ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3">
      <span
        aria-hidden="true"
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
      >
        {initials || "#"}
      </span>
      <div className="min-w-40 flex-1">
        <p className="truncate text-sm font-medium">{c.name ?? formatPhone(c.number)}</p>
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
          {c.name ? <span>{formatPhone(c.number)}</span> : null}
          {c.companyName && c.name !== c.companyName ? <span>{c.companyName}</span> : null}
          {c.optedOut ? <span className="font-medium text-amber-700 dark:text-amber-400">Opted out</span> : null}
          {c.tags.map((t) => (
            <span key={t} className="rounded bg-zinc-100 px-1.5 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              {t}
            </span>
          ))}
          {c.groupCount ? <span>{c.groupCount === 1 ? "in 1 group" : `in ${c.groupCount} groups`}</span> : null}
        </p>
      </div>
      <div className="flex flex-wrap justify-end gap-1.5">
        {c.conversations.length ? (
          c.conversations.map((conv) => (
            <Link
              key={conv.id}
              href={`/?c=${conv.id}`}
              className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
            >
              Open thread
              {c.conversations.length > 1 && conv.line ? (
                <span className="text-zinc-500 dark:text-zinc-400"> via {formatPhone(conv.line)}</span>
              ) : null}
              <span className="sr-only"> with {c.name ?? formatPhone(c.number)}</span>
              <span className="ml-1 text-zinc-500 dark:text-zinc-400">
                · <LocalTime iso={conv.lastActivityAt} relative />
              </span>
            </Link>
          ))
        ) : (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">No messages yet</span>
        )}
      </div>
    </li>
  );
}
