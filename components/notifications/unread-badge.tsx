"use client";

import { useEffect, useRef } from "react";
import useSWR from "swr";
import { getJsonQuietly } from "@/components/shell/api-client";
import { POLL_MS, subscribeLive, useLiveMode } from "@/components/inbox/live-store";
import { faviconWithDot } from "./favicon-dot";

// The inbox tab says how many open conversations you have not read: "(3) Sendblue Inbox" in
// the title and a red dot on the favicon, kept current by the live stream (polled without it).

const KEY = "/api/conversations/unread-count";
const COUNTED = new Set(["message", "conversation", "activity"]);
const PREFIX = /^\(\d+\+?\) /;

export function UnreadBadge() {
  const mode = useLiveMode();
  const { data, mutate } = useSWR<{ unread: number }>(KEY, getJsonQuietly, {
    refreshInterval: mode === "live" ? 0 : POLL_MS,
  });
  const count = useRef(0);
  count.current = data?.unread ?? 0;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A burst of events is one refetch.
    const unsubscribe = subscribeLive((m) => {
      if (m.kind === "event" && !COUNTED.has(m.event.type)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void mutate(), 300);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [mutate]);

  useEffect(() => {
    // Next sets the title and the icon links again on navigation: put the badge back each time.
    const observer = new MutationObserver(() => void applyBadge(count.current));
    observer.observe(document.head, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["href"],
    });
    return () => {
      observer.disconnect();
      void applyBadge(0);
    };
  }, []);
  useEffect(() => void applyBadge(data?.unread ?? 0), [data?.unread]);
  return null;
}

let applied = 0;

async function applyBadge(count: number): Promise<void> {
  const run = ++applied;
  const base = document.title.replace(PREFIX, "");
  const title = count > 0 ? `(${count >= 100 ? "99+" : count}) ${base}` : base;
  if (document.title !== title) document.title = title;
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')) {
    const plain = link.dataset.plainHref ?? link.getAttribute("href");
    if (!plain || plain.startsWith("data:")) continue;
    link.dataset.plainHref = plain;
    const wanted = count > 0 ? await faviconWithDot(plain) : plain;
    // A later call (the count changed meanwhile) has the last word.
    if (run === applied && link.getAttribute("href") !== wanted) link.setAttribute("href", wanted);
  }
}
