"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { LabelFilter } from "@/components/labels/label-filter";
import { InboxSearchBox } from "@/components/search/inbox-search-box";
import { ApiError, signInHref } from "@/components/shell/api-client";
import { ConversationRow, ROW_HEIGHT } from "./conversation-row";
import { BulkBar } from "./bulk-bar";
import { EmptyInbox } from "./empty-inbox";
import { EmptyTab, InboxTabs } from "./inbox-tabs";
import { useIsTyping } from "./live-store";
import { LiveStatus } from "./live-status";
import { useListCursor } from "./use-list-cursor";
import { useNow } from "./use-now";
import type { useConversationList, ListFilters } from "./use-conversation-list";
import { usePhoneFormat } from "./use-phone-format";

export type LineOption = { number: string; name: string | null; blocked: boolean };

export function ConversationList({
  list,
  filters,
  setFilters,
  lines,
  selectedId,
  onOpen,
  webhookBase,
  className = "",
}: {
  list: ReturnType<typeof useConversationList>;
  filters: ListFilters;
  setFilters: React.Dispatch<React.SetStateAction<ListFilters>>;
  lines: LineOption[];
  selectedId: number | null;
  onOpen: (id: number) => void;
  webhookBase: string | null;
  className?: string;
}) {
  const { conversations, hasMore, isLoading, isValidating, size, setSize, error } = list;
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const now = useNow(30_000);
  const { formatPhone } = usePhoneFormat();

  // Stable callbacks: the virtualizer recomputes every row's offset when they change.
  const getItemKey = useCallback((i: number) => conversations[i]?.id ?? "more", [conversations]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const virtualizer = useVirtualizer({
    count: conversations.length + (hasMore ? 1 : 0),
    getScrollElement,
    estimateSize,
    overscan: 8,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const lastItem = items.at(-1);

  // Fetch the next page as the "more" row scrolls into view.
  useEffect(() => {
    if (!lastItem || !hasMore || isValidating) return;
    if (lastItem.index >= conversations.length - 30) void setSize(size + 1);
  }, [lastItem, hasMore, isValidating, conversations.length, setSize, size]);

  const ids = useMemo(() => conversations.map((c) => c.id), [conversations]);
  const scrollToIndex = useCallback((i: number) => virtualizer.scrollToIndex(i, { align: "auto" }), [virtualizer]);
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  const cursor = useListCursor({ ids, selectedId, onOpen, scrollToIndex, focusSearch });
  const { cursorId, setCursorId } = cursor;
  const tabStop = cursor.tabStop(
    items.map((item) => conversations[item.index]?.id).filter((id): id is number => id !== undefined),
  );

  const filtered = Boolean(filters.line || filters.unread || filters.label);

  return (
    <section
      aria-label="Conversations"
      className={`flex min-h-0 flex-col border-zinc-200 dark:border-zinc-800 ${className}`}
    >
      <div className="space-y-2 border-b border-zinc-200 px-3 pt-3 pb-2.5 dark:border-zinc-800">
        <InboxSearchBox inputRef={searchRef} />
        <InboxTabs tab={filters.tab ?? "open"} />
        <div className="flex items-center gap-2 text-[12px]">
          <label className="min-w-0 flex-1">
            <span className="sr-only">Filter by line</span>
            <select
              value={filters.line}
              onChange={(e) => setFilters((f) => ({ ...f, line: e.target.value }))}
              className="h-7 w-full rounded-md border border-zinc-200 bg-white px-1.5 outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">All lines</option>
              {lines.map((l) => (
                <option key={l.number} value={l.number}>
                  {l.name ? `${l.name} · ${formatPhone(l.number)}` : formatPhone(l.number)}
                  {l.blocked ? " (blocked)" : ""}
                </option>
              ))}
            </select>
          </label>
          <LabelFilter />
          <button
            type="button"
            aria-pressed={filters.unread}
            onClick={() => setFilters((f) => ({ ...f, unread: !f.unread }))}
            className={`h-7 rounded-md border px-2.5 font-medium outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${
              filters.unread
                ? "border-blue-600 bg-blue-600 text-white"
                : "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
            }`}
          >
            Unread
          </button>
          <LiveStatus />
        </div>
      </div>
      <BulkBar />
      <div
        ref={scrollRef}
        onKeyDown={cursor.onListKeyDown}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain py-1"
        data-testid="conversation-scroller"
      >
        {error && !conversations.length ? (
          <p className="p-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
            {error instanceof ApiError && error.status === 401 ? (
              <>
                You are signed out.{" "}
                <a className="text-blue-600 underline" href={signInHref()}>
                  Sign in
                </a>
              </>
            ) : (
              `Could not load conversations: ${error.message}`
            )}
          </p>
        ) : !isLoading && !conversations.length ? (
          filtered ? (
            <p className="p-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
              No conversations match these filters.
            </p>
          ) : (
            <EmptyTab tab={filters.tab ?? "all"} fallback={<EmptyInbox webhookBase={webhookBase} />} />
          )
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {items.map((item) => {
              const c = conversations[item.index];
              return (
                <div
                  key={item.key}
                  style={{
                    position: "absolute",
                    top: 0,
                    left: 0,
                    right: 0,
                    height: item.size,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  {c ? (
                    <RowWithTyping
                      conversation={c}
                      selected={c.id === selectedId}
                      focused={c.id === cursorId}
                      tabStop={c.id === tabStop}
                      now={now}
                      onFocus={setCursorId}
                      onOpen={(id) => {
                        setCursorId(id);
                        onOpen(id);
                      }}
                    />
                  ) : (
                    <p className="py-6 text-center text-xs text-zinc-500 dark:text-zinc-400">Loading more…</p>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

function RowWithTyping(props: Omit<Parameters<typeof ConversationRow>[0], "typing">) {
  const typing = useIsTyping(props.conversation.id);
  return <ConversationRow {...props} typing={typing} />;
}
