"use client";

import { useEffect, useRef } from "react";
import { sendSignal } from "@/components/shell/api-client";
import type { MessagePage } from "./api";

// A conversation is marked read when the agent has seen its newest message from the
// contact: the thread is at its live end, in a visible tab. Scrolled up while more arrive,
// they stay unread (the list keeps its badge, the thread shows "↓ N new") until seen.

export function useMarkRead({
  conversationId,
  data,
  atLiveEnd,
  onMarkedRead,
}: {
  conversationId: number;
  data: MessagePage | undefined;
  atLiveEnd: boolean;
  onMarkedRead: () => void;
}) {
  const newestInbound = data?.messages.findLast((m) => m.direction === "inbound")?.handle ?? "";
  const marked = useRef<string | null>(null);
  const onMarked = useRef(onMarkedRead);
  onMarked.current = onMarkedRead;

  useEffect(() => {
    const mark = () => {
      if (!atLiveEnd || document.visibilityState !== "visible" || marked.current === newestInbound) return;
      marked.current = newestInbound;
      void sendSignal(`/api/conversations/${conversationId}/read`).then(() => onMarked.current());
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [conversationId, atLiveEnd, newestInbound]);
}
