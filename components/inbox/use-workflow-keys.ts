"use client";

import { useEffect, useRef } from "react";
import { clearSelected, selectedIds, selectOnly, toggleSelected } from "./bulk-selection";
import { isTypingTarget, modalOpen } from "./keyboard-target";
import { openPopover } from "./popover";
import { applyAction } from "./workflow-actions";

// Workflow keys: `x` selects the list's cursor row for a bulk action; `e` done (reopen when
// done), `s` snooze, `a` assign, `u` mark unread. They act on the selection when there is
// one, else on the open conversation, else on the list's cursor row.

/** The list row with the keyboard cursor (or focus), if any. */
function cursorRowId(): number | null {
  const row =
    (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-conversation-id]") ??
    document.querySelector<HTMLElement>("[data-conversation-id][data-focused]");
  return row ? Number(row.dataset.conversationId) || null : null;
}

export function useWorkflowKeys({
  openId,
  openState,
  onUnreadOpen,
}: {
  openId: number | null;
  openState: "open" | "done" | "snoozed" | null;
  onUnreadOpen: () => void;
}) {
  const state = useRef({ openId, openState, onUnreadOpen });
  state.current = { openId, openState, onUnreadOpen };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      if (!["x", "e", "s", "a", "u"].includes(e.key)) return;
      if (isTypingTarget(e.target) || modalOpen()) return;
      const { openId: open, openState: st, onUnreadOpen: closeThread } = state.current;
      const selection = selectedIds();
      const cursor = cursorRowId();
      e.preventDefault();
      if (e.key === "x") {
        const id = cursor ?? open;
        if (id !== null) toggleSelected(id);
        return;
      }
      // With no selection, the open thread is the target; with none open, the cursor row
      // (selected, so the list's bar offers the pickers).
      const bulk = selection.length > 0 || open === null;
      if (bulk && !selection.length) {
        if (cursor === null) return;
        selectOnly([cursor]);
      }
      const ids = bulk ? selectedIds() : [open!];
      if (e.key === "s" || e.key === "a") {
        // The bulk bar mounts with the selection: open its popover once it has rendered.
        requestAnimationFrame(() => openPopover(`${bulk ? "bulk" : "thread"}:${e.key === "s" ? "snooze" : "assign"}`));
        return;
      }
      const done = () => (bulk ? clearSelected() : undefined);
      if (e.key === "e")
        void applyAction(ids, { action: !bulk && (st === "done" || st === "snoozed") ? "open" : "done" }).then(
          done,
          () => {},
        );
      if (e.key === "u")
        void applyAction(ids, { action: "unread" }).then(
          () => (done(), bulk ? undefined : closeThread()),
          () => {},
        );
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
