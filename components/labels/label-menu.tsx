"use client";

import { useEffect, useRef, useState } from "react";
import { isTypingTarget, modalOpen } from "@/components/inbox/keyboard-target";
import { failureText, sendJson } from "@/components/shell/api-client";
import { fuzzyFilter } from "@/components/inbox/fuzzy-match";
import { chipClass } from "@/lib/labels/palette";
import { LabelChips, type LabelChip } from "./label-chips";
import { useLabels } from "./use-labels";

// The thread header's labels: the conversation's chips and a menu (button or `l`) to put
// labels on and take them off. The menu's filter box keeps focus: type to narrow, ↑/↓ to
// move, Enter toggles, Esc closes. While open it counts as a dialog (data-modal-open), so
// single-key shortcuts wait.

export function LabelMenu({
  conversationId,
  labels,
  onChanged,
}: {
  conversationId: number;
  labels: LabelChip[];
  onChanged: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { labels: all } = useLabels();
  const options = fuzzyFilter(all, query, (l) => [l.name]);
  const on = new Set(labels.map((l) => l.id));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key !== "l" ||
        e.metaKey ||
        e.ctrlKey ||
        e.altKey ||
        e.defaultPrevented ||
        isTypingTarget(e.target) ||
        modalOpen()
      )
        return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function close() {
    setOpen(false);
    setQuery("");
    setActive(0);
    setError(null);
    buttonRef.current?.focus();
  }

  async function toggle(labelId: number) {
    setBusy(labelId);
    setError(null);
    const base = `/api/conversations/${conversationId}/labels`;
    const change = on.has(labelId) ? sendJson(`${base}/${labelId}`, "DELETE") : sendJson(base, "POST", { labelId });
    await change.catch((e: unknown) => setError(failureText(e, "Could not change the labels; try again.")));
    setBusy(null);
    onChanged();
  }

  const listId = `label-options-${conversationId}`;
  const index = Math.min(active, Math.max(options.length - 1, 0));
  return (
    <div className="relative flex min-w-0 items-center gap-1.5">
      <LabelChips labels={labels} className="hidden sm:flex" />
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-keyshortcuts="l"
        data-testid="label-menu-button"
        onClick={() => (open ? close() : setOpen(true))}
        className="shrink-0 rounded-md border border-zinc-200 px-2 py-0.5 text-[12px] text-zinc-700 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        Labels
      </button>
      {open ? (
        <div
          role="dialog"
          aria-label="Labels"
          data-modal-open
          className="absolute top-full right-0 z-30 mt-1 w-64 rounded-xl border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          data-testid="label-menu"
        >
          <input
            autoFocus
            value={query}
            placeholder="Filter labels"
            aria-label="Filter labels"
            role="combobox"
            aria-expanded
            aria-controls={listId}
            aria-activedescendant={options.length ? `${listId}-${index}` : undefined}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onBlur={(e) => {
              if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) close();
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                close();
              } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                if (options.length)
                  setActive((index + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
              } else if (e.key === "Enter") {
                e.preventDefault();
                const option = options[index];
                if (option) void toggle(option.id);
              }
            }}
            className="mb-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-[13px] outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:bg-zinc-950"
          />
          {options.length === 0 ? (
            <p className="px-2 py-1.5 text-[12.5px] text-zinc-500 dark:text-zinc-400">
              {all.length ? "No label matches." : "No labels yet: create them in Settings → Labels."}
            </p>
          ) : (
            <ul
              role="listbox"
              id={listId}
              aria-label="Labels"
              aria-multiselectable
              className="max-h-60 overflow-y-auto"
            >
              {options.map((l, i) => (
                <li
                  key={l.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={on.has(l.id)}
                  aria-busy={busy === l.id}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    setActive(i);
                    void toggle(l.id);
                  }}
                  className={`flex cursor-pointer items-center gap-2 rounded-md px-2 py-1 text-[13px] ${i === index ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
                >
                  <span aria-hidden className="w-3 text-center text-blue-600 dark:text-blue-400">
                    {on.has(l.id) ? "✓" : ""}
                  </span>
                  <span className={`truncate rounded-full px-1.5 text-[12px] ring-1 ring-inset ${chipClass(l.color)}`}>
                    {l.name}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {error ? (
            <p role="alert" className="mt-1 px-1 text-[12px] text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
