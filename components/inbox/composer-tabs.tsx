"use client";

import { useEffect, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { isTypingTarget, modalOpen } from "./keyboard-target";
import { NoteComposer } from "./note-composer";

// Reply or Note under the thread. Both stay mounted (a half-written reply survives a look
// at the Note tab). `n` opens the Note tab; `r` comes back to Reply before the reply key
// handler (use-thread-roving.ts) focuses the reply box, hence the capture phase.

export type ComposerTab = "reply" | "note";

export function ComposerTabs({
  conversationId,
  reply,
  onNoteSaved,
}: {
  conversationId: number;
  reply: ReactNode;
  onNoteSaved: () => void;
}) {
  const [tab, setTab] = useState<ComposerTab>("reply");
  const [noteFocus, setNoteFocus] = useState(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented || isTypingTarget(e.target) || modalOpen()) return;
      if (e.key === "n") {
        e.preventDefault();
        setTab("note");
        setNoteFocus((n) => n + 1);
      } else if (e.key === "r") {
        flushSync(() => setTab("reply"));
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  const tabClass = (t: ComposerTab) =>
    `rounded-md px-2.5 py-0.5 text-[12px] font-medium outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${
      tab === t
        ? t === "note"
          ? "bg-amber-100 text-amber-900 dark:bg-amber-500/25 dark:text-amber-100"
          : "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
        : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
    }`;
  return (
    <div className="shrink-0 border-t border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div role="tablist" aria-label="Write" className="flex gap-1 px-3 pt-1.5">
        <button
          type="button"
          role="tab"
          id={`tab-reply-${conversationId}`}
          aria-selected={tab === "reply"}
          aria-controls={`panel-reply-${conversationId}`}
          className={tabClass("reply")}
          onClick={() => setTab("reply")}
        >
          Reply
        </button>
        <button
          type="button"
          role="tab"
          id={`tab-note-${conversationId}`}
          data-testid="note-tab"
          aria-selected={tab === "note"}
          aria-controls={`panel-note-${conversationId}`}
          aria-keyshortcuts="n"
          className={tabClass("note")}
          onClick={() => {
            setTab("note");
            setNoteFocus((n) => n + 1);
          }}
        >
          Note
        </button>
      </div>
      <div
        role="tabpanel"
        id={`panel-reply-${conversationId}`}
        aria-labelledby={`tab-reply-${conversationId}`}
        hidden={tab !== "reply"}
        className="[&>form]:border-t-0"
      >
        {reply}
      </div>
      <div
        role="tabpanel"
        id={`panel-note-${conversationId}`}
        aria-labelledby={`tab-note-${conversationId}`}
        hidden={tab !== "note"}
        className="px-3 py-2"
      >
        <NoteComposer conversationId={conversationId} focusRequest={noteFocus} onSaved={onNoteSaved} />
      </div>
    </div>
  );
}
