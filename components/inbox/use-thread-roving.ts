"use client";

import { useCallback, useEffect, useRef } from "react";
import { isTypingTarget, modalOpen } from "./keyboard-target";

// The thread is one tab stop (roving tabindex): one message — the newest, or the one the
// agent moved to — is focusable with Tab, ↑/↓/Home/End move between messages, and only that
// message's own controls (details, tapback, photo, links) are in the tab order. Without it a
// 50-message thread was ~100 Tab presses between the list and the reply box.
//
// Messages render their controls themselves, so the tab order is set on the DOM here and
// re-applied when the thread's DOM changes (new messages, an opened menu).

const MESSAGE = "[data-message-handle]";
const CONTROLS = "a[href], button, input, select, textarea, audio[controls], video[controls], [tabindex]";

export function useThreadRoving({
  contentRef,
  ready,
  focusRequest,
}: {
  contentRef: React.RefObject<HTMLDivElement | null>;
  /** The messages are drawn. */
  ready: boolean;
  /** Changes (to a non-zero value) when the newest message should take keyboard focus. */
  focusRequest: number;
}) {
  // The message holding the tab stop; null follows the newest as messages arrive.
  const active = useRef<string | null>(null);

  const apply = useCallback(() => {
    const root = contentRef.current;
    if (!root) return null;
    const messages = [...root.querySelectorAll<HTMLElement>(MESSAGE)];
    const current = messages.find((m) => m.dataset.messageHandle === active.current) ?? messages.at(-1) ?? null;
    for (const m of messages) {
      const on = m === current;
      m.tabIndex = on ? 0 : -1;
      for (const c of m.querySelectorAll<HTMLElement>(CONTROLS)) {
        if (on && c.dataset.rovingOff !== undefined) {
          if (c.dataset.rovingOff) c.setAttribute("tabindex", c.dataset.rovingOff);
          else c.removeAttribute("tabindex");
          delete c.dataset.rovingOff;
        } else if (!on && c.dataset.rovingOff === undefined) {
          c.dataset.rovingOff = c.getAttribute("tabindex") ?? "";
          c.tabIndex = -1;
        }
      }
    }
    return current;
  }, [contentRef]);

  const focusMessage = useCallback(
    (message: HTMLElement | null) => {
      if (!message) return;
      active.current = message.dataset.messageHandle ?? null;
      apply();
      message.focus({ preventScroll: true });
      message.scrollIntoView({ block: "nearest" });
    },
    [apply],
  );

  /** Focus the message holding the tab stop (Esc from the reply box comes back here). */
  const focusThread = useCallback(() => {
    const current = apply();
    current?.focus({ preventScroll: true });
  }, [apply]);

  useEffect(() => {
    const root = contentRef.current;
    if (!root || !ready) return;
    apply();
    // Only childList: apply() itself changes attributes, which must not re-trigger it.
    const observer = new MutationObserver(() => apply());
    observer.observe(root, { childList: true, subtree: true });
    const onFocusIn = (e: FocusEvent) => {
      const m = (e.target as HTMLElement).closest<HTMLElement>(MESSAGE);
      if (m && m.dataset.messageHandle !== active.current) {
        active.current = m.dataset.messageHandle ?? null;
        apply();
      }
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.shiftKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement;
      if (isTypingTarget(t) || t.closest("audio, video, [role=menu]")) return;
      const from = t.closest<HTMLElement>(MESSAGE);
      if (!from) return;
      const messages = [...root.querySelectorAll<HTMLElement>(MESSAGE)];
      const i = messages.indexOf(from);
      const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: messages.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      focusMessage(messages[Math.min(Math.max(to, 0), messages.length - 1)] ?? null);
    };
    root.addEventListener("focusin", onFocusIn);
    root.addEventListener("keydown", onKeyDown);
    return () => {
      observer.disconnect();
      root.removeEventListener("focusin", onFocusIn);
      root.removeEventListener("keydown", onKeyDown);
    };
  }, [contentRef, ready, apply, focusMessage]);

  // Opened from the list: the agent reads first (r replies), so the newest message takes focus.
  const handled = useRef(0);
  useEffect(() => {
    if (!ready || !focusRequest || handled.current === focusRequest) return;
    handled.current = focusRequest;
    active.current = null;
    apply()?.focus({ preventScroll: true });
  }, [ready, focusRequest, apply]);

  return { focusThread };
}

/** `r` puts the cursor in the reply box; Esc there goes back to the thread, draft kept. */
export function useReplyKeys({ composerId, focusThread }: { composerId: string; focusThread: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented) return;
      const composer = document.getElementById(composerId) as HTMLTextAreaElement | null;
      if (e.key === "Escape" && composer && e.target === composer) {
        e.preventDefault();
        focusThread();
        return;
      }
      if (e.key !== "r" || isTypingTarget(e.target) || modalOpen() || !composer || composer.disabled) return;
      e.preventDefault();
      composer.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [composerId, focusThread]);
}
