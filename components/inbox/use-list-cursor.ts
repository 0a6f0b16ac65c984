"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isTypingTarget, modalOpen } from "./keyboard-target";

// The conversation list's keyboard cursor. It is a conversation id, not a row index, so it
// stays on its conversation when a message for another one reorders the list; when its row
// leaves the list (read while Unread is on), the next step starts where that row was.
// j/k anywhere and ↑/↓/Home/End inside the list move it and keyboard focus with it (one tab
// stop for the whole list: roving tabindex); Enter opens it; "/" goes to search.

export function useListCursor({
  ids,
  selectedId,
  onOpen,
  scrollToIndex,
  focusSearch,
}: {
  ids: number[];
  selectedId: number | null;
  onOpen: (id: number) => void;
  scrollToIndex: (index: number) => void;
  focusSearch: () => void;
}) {
  const [cursorId, setCursorId] = useState<number | null>(null);
  const lastIndex = useRef(-1);
  const focusPending = useRef(false);
  const index = cursorId === null ? -1 : ids.indexOf(cursorId);
  useEffect(() => {
    if (index >= 0) lastIndex.current = index;
  }, [index]);

  const state = useRef({ ids, cursorId, selectedId, onOpen, scrollToIndex, focusSearch });
  state.current = { ids, cursorId, selectedId, onOpen, scrollToIndex, focusSearch };

  /** Moves by `step` rows (±1) or to an end (±Infinity), and takes keyboard focus there. */
  const move = useCallback((step: number) => {
    const { ids: list, cursorId: cursor, selectedId: sel, scrollToIndex: scroll } = state.current;
    if (!list.length) return;
    const at = cursor === null ? -1 : list.indexOf(cursor);
    let next: number;
    if (step === Infinity) next = list.length - 1;
    else if (step === -Infinity) next = 0;
    else if (at >= 0) next = at + step;
    else if (cursor !== null && lastIndex.current >= 0) next = step > 0 ? lastIndex.current : lastIndex.current - 1;
    else next = (sel === null ? -1 : list.indexOf(sel)) + step;
    next = Math.min(Math.max(next, 0), list.length - 1);
    setCursorId(list[next]!);
    lastIndex.current = next;
    focusPending.current = true;
    scroll(next);
  }, []);

  // The row may only exist once the virtual list has scrolled to it, so focus follows the render.
  useEffect(() => {
    if (!focusPending.current || cursorId === null) return;
    const row = document.querySelector<HTMLElement>(`[data-conversation-id="${cursorId}"]`);
    if (!row) return;
    focusPending.current = false;
    row.focus({ preventScroll: true });
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(e.target) || modalOpen()) return;
      const { cursorId: cursor, ids: list, onOpen: open, focusSearch: search } = state.current;
      if (e.key === "/") {
        e.preventDefault();
        search();
      } else if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        move(e.key === "j" ? 1 : -1);
      } else if (e.key === "Enter" && cursor !== null && list.includes(cursor)) {
        // Enter on another focused control (a button in the thread) keeps its own meaning.
        const t = e.target as HTMLElement | null;
        if (t && t !== document.body && !t.closest("[data-conversation-id]")) return;
        e.preventDefault();
        open(cursor);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move]);

  /** ↑/↓/Home/End while focus is inside the list. */
  const onListKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[e.key];
      if (step === undefined || !(e.target as HTMLElement).closest("[data-conversation-id]")) return;
      e.preventDefault();
      move(step);
    },
    [move],
  );

  /** The row that is the list's one tab stop: the cursor's, else the open one's, else the first shown. */
  const tabStop = (renderedIds: number[]): number | undefined =>
    [cursorId, selectedId].find((id): id is number => id !== null && renderedIds.includes(id)) ?? renderedIds[0];

  return { cursorId, setCursorId, onListKeyDown, tabStop };
}
