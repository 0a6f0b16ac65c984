"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { requestJson } from "@/components/shell/api-client";
import type { SearchResponse } from "@/lib/search/search-messages";
import { HighlightedSnippet } from "./highlighted-snippet";
import { ResultMedia } from "./result-media";
import { messageHref } from "./search-params";

// The inbox's own search box: results as you type (the first few conversations and messages,
// under the box), arrows to pick one, Enter on none opens the full search page.

const MIN_CHARS = 2;
const DEBOUNCE_MS = 200;
const MESSAGES = 6;
const CONVERSATIONS = 3;

type Option = { key: string; href: string };

function useQuickResults(q: string) {
  const [state, setState] = useState<{ q: string; data: SearchResponse | null; error: string | null }>({
    q: "",
    data: null,
    error: null,
  });
  const query = q.trim();
  const ready = query.replace(/[^\p{L}\p{N}]/gu, "").length >= MIN_CHARS;
  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const url = `/api/search?${new URLSearchParams({ q: query, limit: String(MESSAGES) })}`;
        const data = await requestJson<SearchResponse>(url, { signal: controller.signal, failed: "Search failed" });
        setState({ q: query, data, error: null });
      } catch (error) {
        if (!controller.signal.aborted) setState({ q: query, data: null, error: (error as Error).message });
      }
    }, DEBOUNCE_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [query, ready]);
  return { ready, query, ...(state.q === query ? state : { data: null, error: null }) };
}

export function InboxSearchBox({ inputRef }: { inputRef?: React.Ref<HTMLInputElement> }) {
  const router = useRouter();
  const listId = useId();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { ready, query, data, error } = useQuickResults(q);
  const conversations = data?.conversations.slice(0, CONVERSATIONS) ?? [];
  const results = data?.results ?? [];
  const options: Option[] = [
    ...conversations.map((c) => ({ key: `c${c.id}`, href: `/?c=${c.id}` })),
    ...results.map((r) => ({ key: r.handle, href: messageHref(r.conversation.id, r.handle) })),
  ];
  const fullSearch = `/search?${new URLSearchParams({ q: query })}`;
  const showPanel = open && ready;
  const optionId = (i: number) => `${listId}-${i}`;

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    router.push(href);
  };

  return (
    <form
      action="/search"
      method="get"
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        if (!query) return;
        go(active >= 0 && options[active] ? options[active].href : fullSearch);
      }}
    >
      <label className="relative block">
        <span className="sr-only">Search messages</span>
        <svg
          viewBox="0 0 20 20"
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 h-4 w-4 -translate-y-1/2 fill-zinc-400"
        >
          <path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64a.75.75 0 1 1-1.06 1.06l-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
        </svg>
        <input
          ref={inputRef}
          name="q"
          type="search"
          placeholder="Search"
          autoComplete="off"
          role="combobox"
          aria-expanded={showPanel}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showPanel && active >= 0 ? optionId(active) : undefined}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              // First Escape closes the results and keeps the text (a search input would clear it), the next leaves.
              if (showPanel) {
                e.preventDefault();
                setOpen(false);
              } else e.currentTarget.blur();
            } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setOpen(true);
              const n = options.length;
              if (n) setActive((a) => (e.key === "ArrowDown" ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
            }
          }}
          className="h-8 w-full rounded-lg bg-zinc-100 pr-8 pl-8 text-[13px] outline-none placeholder:text-zinc-500 focus-visible:ring-2 focus-visible:ring-blue-500 dark:bg-zinc-800 dark:placeholder:text-zinc-400"
        />
        <kbd className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-zinc-300 px-1 text-[10px] text-zinc-500 dark:border-zinc-600 dark:text-zinc-400 [@media(hover:hover)]:block">
          /
        </kbd>
      </label>
      {showPanel ? (
        <div
          data-testid="quick-search"
          className="absolute top-full right-0 left-0 z-30 mt-1 max-h-[70vh] overflow-y-auto rounded-lg border border-zinc-200 bg-white text-[13px] shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          <ul id={listId} role="listbox" aria-label="Search results">
            {conversations.map((c, i) => (
              <li
                key={c.id}
                id={optionId(i)}
                role="option"
                aria-selected={active === i}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => go(`/?c=${c.id}`)}
                className={`cursor-pointer px-3 py-1.5 ${active === i ? "bg-blue-50 dark:bg-blue-950/60" : "hover:bg-zinc-50 dark:hover:bg-zinc-800"}`}
              >
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{c.title}</span>
                {c.number && c.number !== c.title ? (
                  <span className="ml-1 text-zinc-600 dark:text-zinc-400">{c.number}</span>
                ) : null}
                <span className="ml-1 text-xs text-zinc-600 dark:text-zinc-400">· conversation</span>
              </li>
            ))}
            {results.map((r, k) => {
              const i = conversations.length + k;
              return (
                <li
                  key={r.handle}
                  id={optionId(i)}
                  role="option"
                  aria-selected={active === i}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => go(messageHref(r.conversation.id, r.handle))}
                  className={`cursor-pointer border-t border-zinc-100 px-3 py-1.5 first:border-t-0 dark:border-zinc-800 ${active === i ? "bg-blue-50 dark:bg-blue-950/60" : "hover:bg-zinc-50 dark:hover:bg-zinc-800"}`}
                >
                  <span className="block truncate text-xs font-medium text-zinc-600 dark:text-zinc-400">
                    {r.conversation.title}
                  </span>
                  <span className="line-clamp-2 text-zinc-800 dark:text-zinc-200">
                    {r.snippet.length ? <HighlightedSnippet parts={r.snippet} /> : null}
                  </span>
                  <ResultMedia media={r.media} />
                </li>
              );
            })}
          </ul>
          <p
            className="border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
            aria-live="polite"
          >
            {error ? (
              <span className="text-red-700 dark:text-red-400">{error}</span>
            ) : !data ? (
              "Searching…"
            ) : !options.length ? (
              "No matches. "
            ) : null}
            <a
              href={fullSearch}
              onMouseDown={(e) => e.preventDefault()}
              onClick={(e) => {
                e.preventDefault();
                go(fullSearch);
              }}
              className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
            >
              {data?.nextCursor || (data && options.length) ? "All results" : "Full search"}
            </a>{" "}
            <kbd className="rounded border border-zinc-300 px-1 text-[10px] dark:border-zinc-600">Enter</kbd>
          </p>
        </div>
      ) : null}
    </form>
  );
}
