"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import useSWRInfinite from "swr/infinite";
import type { SearchResponse } from "@/lib/search/search-messages";
import { FilterChips, type ContactOption } from "./filter-chips";
import { ResultGroups } from "./result-groups";
import { SearchBox } from "./search-box";
import { apiQuery, pageQuery, readSearchState, type SearchState } from "./search-params";
import { formatPhone, formatPhonesIn } from "@/lib/format/phone-number";
import { NoteResults } from "./note-results";
import { type ApiError, requestJson } from "@/components/shell/api-client";
import { ExportLink } from "@/components/shell/export-link";

function fetchPage(url: string): Promise<SearchResponse> {
  return requestJson<SearchResponse>(url, { failed: "Search failed" });
}

const MIN_CHARS = 2;

export function SearchView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [state, setState] = useState<SearchState>(() => readSearchState(new URLSearchParams(params.toString())));
  const [debouncedQ, setDebouncedQ] = useState(state.q);

  useEffect(() => {
    const t = setTimeout(() => setDebouncedQ(state.q), 250);
    return () => clearTimeout(t);
  }, [state.q]);

  const query = useMemo(() => ({ q: debouncedQ.trim(), filters: state.filters }), [debouncedQ, state.filters]);
  useEffect(() => {
    const qs = pageQuery(query);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [query, pathname, router]);

  const ready = query.q.replace(/[^\p{L}\p{N}]/gu, "").length >= MIN_CHARS;
  const { data, error, size, setSize, isValidating } = useSWRInfinite<SearchResponse, ApiError>(
    (index, previous: SearchResponse | null) => {
      if (!ready) return null;
      if (index > 0 && !previous?.nextCursor) return null;
      return `/api/search?${apiQuery(query, index > 0 ? previous!.nextCursor : null)}`;
    },
    fetchPage,
    { revalidateFirstPage: false, revalidateOnFocus: false, keepPreviousData: true },
  );

  const results = data?.flatMap((p) => p.results) ?? [];
  const people = data?.[0]?.conversations ?? [];
  const notes = data?.[0]?.notes ?? [];
  const lines = [...new Set(results.map((r) => r.conversation.line).filter((l): l is string => !!l))];
  const contacts = uniqueContacts(results.map((r) => r.conversation).concat(people));
  const hasMore = !!data?.at(-1)?.nextCursor;
  const loadingMore = isValidating && size > (data?.length ?? 0);

  return (
    <main className="min-h-0 flex-1 overflow-auto bg-zinc-50 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      <div className="mx-auto max-w-4xl space-y-4 px-4 py-6">
        <h1 className="text-lg font-semibold">Search</h1>
        <SearchBox
          autoFocus
          value={state.q}
          onChange={(q) => setState((s) => ({ ...s, q }))}
          onSubmit={(q) => setDebouncedQ(q)}
        />
        <FilterChips
          filters={state.filters}
          onChange={(filters) => setState((s) => ({ ...s, filters }))}
          lines={lines}
          contacts={contacts}
        />

        {!ready && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            Type at least {MIN_CHARS} letters or a few digits of a number. Use <code>&quot;exact phrase&quot;</code>,{" "}
            <code>-exclude</code>, <code>OR</code> and <code>prefix*</code>; accents and case are ignored. Narrow with{" "}
            <code>state:done</code>, <code>assignee:me</code> and <code>label:vip</code>, or search with them alone.
          </p>
        )}
        {ready && error && (
          <p
            role="alert"
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300"
          >
            {error.message}
          </p>
        )}

        {ready && people.length > 0 && (
          <section aria-label="Matching conversations" className="flex flex-wrap items-center gap-2">
            <span className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Conversations</span>
            {people.map((c) => (
              <Link
                key={c.id}
                href={`/?c=${c.id}`}
                className="rounded-full border border-zinc-300 bg-white px-3 py-1 text-sm hover:border-blue-500 dark:border-zinc-700 dark:bg-zinc-900"
              >
                {formatPhonesIn(c.title)}
                {c.number && c.number !== c.title && (
                  <span className="ml-1 text-zinc-500 dark:text-zinc-400">{formatPhone(c.number)}</span>
                )}
              </Link>
            ))}
          </section>
        )}

        {ready && notes.length > 0 && <NoteResults notes={notes} />}

        {ready && data && !error && results.length === 0 && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {data[0]?.kind === "filters" ? "No conversations match these filters." : "No messages match."}
          </p>
        )}
        {ready && results.length > 0 && (
          <div className="flex items-center justify-between gap-3">
            <h2 className="text-xs font-medium text-zinc-500 uppercase dark:text-zinc-400">Messages</h2>
            <ExportLink path="/api/search/export" query={apiQuery(query, null)} />
          </div>
        )}
        {ready && results.length > 0 && <ResultGroups results={results} />}
        {ready && !data && !error && <p className="text-sm text-zinc-500 dark:text-zinc-400">Searching…</p>}

        {ready && hasMore && (
          <div className="flex justify-center pb-6">
            <button
              type="button"
              disabled={loadingMore}
              onClick={() => setSize(size + 1)}
              className="rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium hover:border-blue-500 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {loadingMore ? "Loading…" : "Load more"}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}

function uniqueContacts(conversations: SearchResponse["conversations"]): ContactOption[] {
  const seen = new Map<string, ContactOption>();
  for (const c of conversations)
    if (c.number && !seen.has(c.number)) seen.set(c.number, { number: c.number, title: c.title });
  return [...seen.values()];
}
