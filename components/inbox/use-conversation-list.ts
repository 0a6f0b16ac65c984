"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import useSWRInfinite from "swr/infinite";
import { getJson } from "@/components/shell/api-client";
import { conversationUrl, type ConversationList, type ConversationView } from "./api";
import { fetchConversation } from "./conversation-fetch";
import { useMe } from "./assign-picker";
import { POLL_MS, seedTyping, subscribeLive, useLiveMode } from "./live-store";
import { matchesTab } from "./tab-match";
import type { InboxTab } from "@/lib/workflow/workflow-schemas";

// The conversation list as cursor-paged SWR pages, kept current by live events: a
// changed conversation is refetched alone and moved to its place, not the whole list.

/** label: a label's name, from the inbox URL (?label=); tab: the workflow tab. */
export type ListFilters = { line: string; unread: boolean; label?: string; tab?: InboxTab };

export function useConversationList(filters: ListFilters) {
  const mode = useLiveMode();
  const getKey = (index: number, previous: ConversationList | null) => {
    if (previous && !previous.nextCursor) return null;
    // A small first page paints fast; later pages are bigger so long scrolls page less often.
    const q = new URLSearchParams({ limit: index === 0 ? "50" : "150" });
    if (filters.line) q.set("line", filters.line);
    if (filters.unread) q.set("unread", "true");
    if (filters.label) q.set("label", filters.label);
    if (filters.tab) q.set("tab", filters.tab);
    if (index > 0 && previous?.nextCursor) q.set("cursor", previous.nextCursor);
    return `/api/conversations?${q}`;
  };
  const swr = useSWRInfinite<ConversationList>(getKey, getJson, {
    // While live, events keep loaded pages current, so page 1 isn't refetched on every
    // scroll step; while polling, page 1 is what each poll refetches.
    revalidateFirstPage: mode !== "live",
    refreshInterval: mode === "polling" ? POLL_MS : 0,
    revalidateOnFocus: mode !== "live",
  });
  const { data, mutate } = swr;

  const conversations = useMemo(() => {
    const seen = new Set<number>();
    const out: ConversationView[] = [];
    for (const page of data ?? []) for (const c of page.conversations) if (!seen.has(c.id)) seen.add(c.id), out.push(c);
    return out;
  }, [data]);

  useEffect(() => {
    for (const c of conversations) if (c.typing) seedTyping(c.id, true);
  }, [conversations]);

  const me = useMe();
  const filtersRef = useRef({ ...filters, me });
  filtersRef.current = { ...filters, me };
  // Mutating before the first page has arrived would cancel that fetch and leave the list
  // empty, so edits in place wait for data; the first fetch already includes them.
  const loaded = useRef(false);
  loaded.current = data !== undefined;

  // Changes heard before the first page arrived: that page may have been read before them
  // (a thread opened by a deep link marks itself read while the list is loading), so each
  // is refetched once it is in.
  const missed = useRef(new Set<number>());
  const refreshOne = useRef<(id: number, at?: number) => void>(() => {});

  useEffect(() => {
    const pending = new Map<number, ReturnType<typeof setTimeout>>();
    // When the latest event for each pending conversation arrived: the fetch may join the
    // thread header's request for it only if that started after this (conversation-fetch.ts).
    const heardAt = new Map<number, number>();
    refreshOne.current = (id: number, at = performance.now()) => {
      clearTimeout(pending.get(id));
      heardAt.set(id, Math.max(heardAt.get(id) ?? 0, at));
      // Coalesce bursts (a message plus its status updates) into one fetch.
      pending.set(
        id,
        setTimeout(async () => {
          pending.delete(id);
          const notBefore = heardAt.get(id);
          heardAt.delete(id);
          try {
            const fresh = await fetchConversation(conversationUrl(id), notBefore);
            if (!loaded.current) return void missed.current.add(id);
            await mutate((pages) => upsert(pages, fresh, filtersRef.current), { revalidate: false });
          } catch {
            // A transient failure is healed by the next event or the resync on reconnect.
          }
        }, 40),
      );
    };
    const unsubscribe = subscribeLive((m) => {
      if (m.kind === "resync") return void mutate();
      const e = m.event;
      if (e.type === "line" || e.type === "contact" || e.type === "labels") return void mutate();
      // A disabled (or re-enabled, removed) member's conversations change assignee for everyone.
      if (e.type === "members") return void (e.change !== "added" && mutate());
      if (e.type === "typing") return;
      if ("conversationId" in e && e.conversationId !== null) refreshOne.current(e.conversationId, m.at);
    });
    return () => {
      unsubscribe();
      for (const t of pending.values()) clearTimeout(t);
    };
  }, [mutate]);

  const ready = data !== undefined;
  useEffect(() => {
    if (!ready) return;
    for (const id of missed.current) refreshOne.current(id);
    missed.current.clear();
  }, [ready]);

  /** Clears a row's unread badge at once, before the server's event comes back. */
  const markReadLocally = useCallback(
    (id: number) =>
      loaded.current
        ? mutate(
            (pages) =>
              pages?.map((p) => ({
                ...p,
                conversations: p.conversations.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c)),
              })),
            { revalidate: false },
          )
        : void missed.current.add(id),
    [mutate],
  );

  const last = data?.at(-1);
  return { ...swr, conversations, hasMore: Boolean(last?.nextCursor), markReadLocally };
}

function newerFirst(a: ConversationView, b: ConversationView): number {
  return b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id;
}

function upsert(
  pages: ConversationList[] | undefined,
  fresh: ConversationView,
  filters: ListFilters & { me: number | null },
) {
  if (!pages) return pages;
  const cleaned = pages.map((p) => ({ ...p, conversations: p.conversations.filter((c) => c.id !== fresh.id) }));
  const matches =
    (!filters.line || fresh.line === filters.line) &&
    (!filters.unread || fresh.unreadCount > 0) &&
    (!filters.label || fresh.labels.some((l) => l.name.toLowerCase() === filters.label!.toLowerCase())) &&
    (!filters.tab || matchesTab(fresh, filters.tab, filters.me));
  if (!matches) return cleaned;
  for (let i = 0; i < cleaned.length; i++) {
    const page = cleaned[i]!;
    const at = page.conversations.findIndex((c) => newerFirst(fresh, c) < 0);
    if (at >= 0) {
      const conversations = [...page.conversations];
      conversations.splice(at, 0, fresh);
      cleaned[i] = { ...page, conversations };
      return cleaned;
    }
  }
  // Older than everything loaded: it belongs on a page not fetched yet, unless this is the end.
  const lastPage = cleaned.at(-1);
  if (lastPage && !lastPage.nextCursor) {
    cleaned[cleaned.length - 1] = { ...lastPage, conversations: [...lastPage.conversations, fresh] };
  } else if (!lastPage) {
    return [{ conversations: [fresh], nextCursor: null }];
  }
  return cleaned;
}
