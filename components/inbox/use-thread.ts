"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import useSWR, { type KeyedMutator } from "swr";
import { getJson, ApiError } from "@/components/shell/api-client";
import { messagesUrl, type MessageDetail, type MessagePage, type MessageView } from "./api";
import { POLL_MS, subscribeLive, useLiveMode } from "./live-store";
import { mergePage, startRead } from "./merge-page";

// One thread's loaded window of messages as a single SWR entry. Older/newer pages and
// live events are merged into it in place, so nothing refetches or jumps. Every read goes
// through readPage/startRead: answers arrive out of order, and mergePage keeps the newest.

async function readPage(url: string): Promise<MessagePage> {
  const numbered = startRead();
  const page = await getJson<MessagePage>(url);
  numbered(page.messages);
  return page;
}

/**
 * One more page at an edge of the window: older (before `nextCursor`) or newer (after
 * `newerCursor`), one request per edge at a time; false when there is none to load.
 */
async function loadEdge({
  edge,
  cursor,
  conversationId,
  loading,
  mutate,
}: {
  edge: "older" | "newer";
  cursor: string | null | undefined;
  conversationId: number;
  loading: { older: boolean; newer: boolean };
  mutate: KeyedMutator<MessagePage>;
}): Promise<boolean> {
  if (!cursor || loading[edge]) return false;
  loading[edge] = true;
  try {
    const page = await readPage(messagesUrl(conversationId, edge === "older" ? { before: cursor } : { after: cursor }));
    const kept = edge === "older" ? { nextCursor: page.nextCursor } : { newerCursor: page.newerCursor };
    await mutate((prev) => (prev ? { ...mergePage(prev, page), ...kept } : prev), { revalidate: false });
    return true;
  } finally {
    loading[edge] = false;
  }
}

/** `anchor` (a message handle) or `note` (a note id): the window opens around it. */
export function useThread(conversationId: number, anchor: string | null, note: number | null = null) {
  const mode = useLiveMode();
  const key = ["thread", conversationId, anchor ?? "", note ?? ""] as const;
  const around = anchor ? { around: anchor } : note ? { aroundNote: String(note) } : {};
  // A link to a message or note that no longer exists (deleted, or from another conversation)
  // opens the thread at its newest messages instead of an error.
  const fetchFirst = async () => {
    try {
      return await readPage(messagesUrl(conversationId, around));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404 && (anchor || note))) throw error;
      return readPage(messagesUrl(conversationId, {}));
    }
  };
  const swr = useSWR<MessagePage>(key, fetchFirst, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
  });
  const { data, mutate } = swr;
  const loading = useRef({ older: false, newer: false });
  // As in the list: never mutate before the first page is in, or that fetch is dropped.
  const loaded = useRef(false);
  loaded.current = data !== undefined;
  const latest = useRef(data);
  latest.current = data;

  const loadOlder = useCallback(
    () => loadEdge({ edge: "older", cursor: data?.nextCursor, conversationId, loading: loading.current, mutate }),
    [conversationId, data?.nextCursor, mutate],
  );
  const loadNewer = useCallback(
    () => loadEdge({ edge: "newer", cursor: data?.newerCursor, conversationId, loading: loading.current, mutate }),
    [conversationId, data?.newerCursor, mutate],
  );

  // Refreshes the live end (latest page) into the window: after calls, line events,
  // reconnects, and on every poll when the stream is down.
  const refreshLatest = useCallback(async () => {
    const page = await readPage(messagesUrl(conversationId, {}));
    if (!loaded.current) return;
    await mutate((prev) => (prev && prev.newerCursor === null ? mergePage(prev, page) : prev), { revalidate: false });
  }, [conversationId, mutate]);

  const upsertMessage = useCallback(
    async (handle: string) => {
      const numbered = startRead();
      const message = await getJson<MessageDetail>(`/api/messages/${encodeURIComponent(handle)}`);
      if (message.conversationId !== conversationId || !loaded.current) return;
      const { statusHistory: _history, ...view } = message;
      numbered([view]);
      await mutate(
        (prev) => {
          if (!prev) return prev;
          // A reply sent from this window is known by its clientId before it has its handle.
          const known = prev.messages.some(
            (m) => m.handle === view.handle || (view.clientId !== null && m.clientId === view.clientId),
          );
          // Messages beyond a jumped-to window arrive when the reader scrolls there.
          if (!known && prev.newerCursor !== null) return prev;
          return mergePage(prev, { messages: [view], events: [], nextCursor: null, newerCursor: null });
        },
        { revalidate: false },
      );
    },
    [conversationId, mutate],
  );

  useEffect(() => {
    const unsubscribe = subscribeLive((m) => {
      if (m.kind === "resync") return void refreshLatest().catch(() => {});
      const e = m.event;
      if (!("conversationId" in e) && e.type !== "line") return;
      if (e.type === "line") return void refreshLatest().catch(() => {});
      if (e.conversationId !== conversationId) return;
      if (e.type === "message" || e.type === "status") void upsertMessage(e.handle).catch(() => {});
      else if (e.type === "reaction") void upsertMessage(e.targetHandle).catch(() => {});
      // A call, an activity line or a note joins the live end.
      else if (e.type === "call" || e.type === "activity") void refreshLatest().catch(() => {});
      else if (e.type === "media") {
        // An attachment's copy changed state (kept, failed…): refetch its message if shown.
        const shown = latest.current?.messages.find((msg) => msg.id === e.messageId);
        if (shown) void upsertMessage(shown.handle).catch(() => {});
      }
    });
    return unsubscribe;
  }, [conversationId, refreshLatest, upsertMessage]);

  useEffect(() => {
    if (mode !== "polling") return;
    const t = setInterval(() => void refreshLatest().catch(() => {}), POLL_MS);
    return () => clearInterval(t);
  }, [mode, refreshLatest]);

  // A reply shown at once, before the server has it (its placeholder is replaced later).
  const addLocal = useCallback(
    (message: MessageView) =>
      mutate(
        (prev) =>
          prev ? mergePage(prev, { messages: [message], events: [], nextCursor: null, newerCursor: null }) : prev,
        {
          revalidate: false,
        },
      ),
    [mutate],
  );

  // Replies only this tab knows (negative ids): changed or dropped without touching the
  // server's copy, should one have replaced them meanwhile.
  const local = useMemo(
    () => ({
      add: addLocal,
      update: (handle: string, patch: Partial<MessageView>) =>
        mutate(
          (prev) =>
            prev && {
              ...prev,
              messages: prev.messages.map((m) => (m.handle === handle && m.id < 0 ? { ...m, ...patch } : m)),
            },
          { revalidate: false },
        ),
      remove: (handle: string) =>
        mutate(
          (prev) => prev && { ...prev, messages: prev.messages.filter((m) => !(m.handle === handle && m.id < 0)) },
          { revalidate: false },
        ),
    }),
    [addLocal, mutate],
  );

  return { ...swr, loadOlder, loadNewer, addLocal, local, refreshLatest };
}
