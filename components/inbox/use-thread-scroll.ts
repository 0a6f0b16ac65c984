"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { isPlaceholderHandle } from "@/lib/send/placeholder-handle";
import type { MessagePage } from "./api";

// Where a thread's scroller stands. It opens at the newest message (or centred on a
// jumped-to message or note) and stays pinned to the bottom while content grows under it — photos and
// cards sizing themselves, new messages, the typing bubble — until the agent scrolls up.
// Only an upward move unpins: growth above the fold changes scrollHeight, not scrollTop,
// and must not read as "the agent left the bottom". Scrolled up, arrivals are counted for
// the "↓ N new" pill instead of being scrolled to, and `atLiveEnd` says whether the
// newest message is in view (what marking read waits for).

const EDGE_PX = 240; // page older/newer messages in when this close to an end
const BOTTOM_PX = 40; // "at the bottom" within this

export function useThreadScroll({
  data,
  anchorElementId,
  rendered,
  loadOlder,
  loadNewer,
}: {
  data: MessagePage | undefined;
  /** The DOM id of what the thread opens centred on (a message-…, a note-…), if anything. */
  anchorElementId: string | null;
  /** What is drawn (items, typing bubble); the position is fixed up after each change. */
  rendered: unknown[];
  loadOlder: () => Promise<boolean>;
  loadNewer: () => Promise<boolean>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const restore = useRef<{ height: number; firstHandle: string | undefined } | null>(null);
  const pinned = useRef(!anchorElementId);
  const positioned = useRef(false);
  const lastTop = useRef(0);
  const [atLiveEnd, setAtLiveEnd] = useState(false);
  // sentAt of the newest message the agent has had in view at the live end (or at opening).
  const [seenAt, setSeenAt] = useState<string | null>(null);

  const newestAt = data?.messages.at(-1)?.sentAt ?? null;
  const latest = useRef({ data, newestAt });
  latest.current = { data, newestAt };

  /** Reads the position after a scroll or a fix-up: at the live end, everything is seen. */
  const measure = useCallback(() => {
    const el = scrollRef.current;
    const { data: page, newestAt: newest } = latest.current;
    if (!el || !page) return;
    const live = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_PX && page.newerCursor === null;
    setAtLiveEnd(live);
    if (live && newest) setSeenAt(newest);
  }, []);

  const toBottom = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  }, []);

  // Content (photos, cards) and the scroller itself (window, on-screen keyboard, a taller
  // composer) change size without a render; keep the bottom in view meanwhile.
  const ready = data !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` re-attaches once the scroller and content exist
  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current && !restore.current) toBottom();
      measure();
    });
    observer.observe(content);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ready, toBottom, measure]);

  // Keep the view still when older messages are prepended, follow the bottom when new ones
  // arrive while pinned, and place the thread once: at the bottom, or centred on the anchor.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !data) return;
    if (restore.current && restore.current.firstHandle !== data.messages[0]?.handle) {
      // Content grew above the viewport by exactly the prepended height; shift by that.
      el.scrollTop += el.scrollHeight - restore.current.height;
      lastTop.current = el.scrollTop;
      restore.current = null;
    } else if (restore.current) {
      return;
    } else if (!positioned.current) {
      positioned.current = true;
      const target = anchorElementId ? document.getElementById(anchorElementId) : null;
      if (target) target.scrollIntoView({ block: "center" });
      else toBottom();
      lastTop.current = el.scrollTop;
      // Arrivals from now on are what the pill counts, wherever the thread opened.
      setSeenAt(newestAt);
    } else if (pinned.current) {
      toBottom();
    }
    measure();
    // `rendered` (a fixed-length list) stands for everything drawn, the typing bubble included.
  }, [data, anchorElementId, newestAt, toBottom, measure, ...rendered]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    const page = latest.current.data;
    if (!el || !page) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    const movedUp = el.scrollTop < lastTop.current - 1;
    lastTop.current = el.scrollTop;
    if (fromBottom < BOTTOM_PX && page.newerCursor === null) pinned.current = true;
    else if (movedUp) pinned.current = false;
    measure();
    if (el.scrollTop < EDGE_PX && page.nextCursor && !restore.current) {
      restore.current = { height: el.scrollHeight, firstHandle: page.messages[0]?.handle };
      void loadOlder()
        .then((loaded) => {
          if (!loaded) restore.current = null;
        })
        .catch(() => {
          restore.current = null;
        });
    }
    if (fromBottom < EDGE_PX && page.newerCursor) void loadNewer();
  }, [loadOlder, loadNewer, measure]);

  /** Messages that arrived below while the agent read further up (not our own sends). */
  const newCount = useMemo(() => {
    if (atLiveEnd || !data || seenAt === null) return 0;
    return data.messages.filter((m) => m.sentAt > seenAt && !isPlaceholderHandle(m.handle)).length;
  }, [atLiveEnd, data, seenAt]);

  const jumpToLatest = useCallback(() => {
    pinned.current = true;
    toBottom();
    measure();
  }, [toBottom, measure]);

  /** For our own sends: the agent wants to see them go out. */
  const pinToBottom = useCallback(() => {
    pinned.current = true;
  }, []);

  return { scrollRef, contentRef, onScroll, atLiveEnd, newCount, jumpToLatest, pinToBottom };
}
