"use client";

import { useState, type KeyboardEvent } from "react";

// The popup list of a composer picker (@mentions, /saved replies). The textarea keeps focus
// and owns the keys: ↑/↓ move, Enter or Tab picks, Esc closes (aria-activedescendant tells
// screen readers which option is active).

export type Suggestion = { key: string; label: string; detail?: string };

export function useSuggestionKeys(count: number, onPick: (index: number) => void, onClose: () => void) {
  const [active, setActive] = useState(0);
  const index = count === 0 ? 0 : Math.min(active, count - 1);
  function onKeyDown(e: KeyboardEvent): boolean {
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return true;
    }
    if (count === 0) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((index + (e.key === "ArrowDown" ? 1 : count - 1)) % count);
      return true;
    }
    if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
      e.preventDefault();
      onPick(index);
      setActive(0);
      return true;
    }
    return false;
  }
  return { active: index, setActive, onKeyDown };
}

export function SuggestionList({
  id,
  label,
  items,
  active,
  empty,
  onPick,
}: {
  id: string;
  label: string;
  items: Suggestion[];
  active: number;
  empty: string;
  onPick: (index: number) => void;
}) {
  return (
    <div className="absolute bottom-full left-0 z-20 mb-1 w-full max-w-sm overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
      <p className="border-b border-zinc-100 px-3 py-1 text-[11px] font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {label}
      </p>
      {items.length === 0 ? (
        <p className="px-3 py-2 text-[12.5px] text-zinc-500 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul role="listbox" id={id} aria-label={label} className="max-h-56 overflow-y-auto py-1">
          {items.map((item, i) => (
            <li
              key={item.key}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the textarea must keep focus.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(i);
              }}
              className={`flex cursor-pointer items-baseline gap-2 px-3 py-1.5 text-[13px] ${i === active ? "bg-blue-600 text-white" : "text-zinc-800 dark:text-zinc-100"}`}
            >
              <span className="shrink-0 font-medium">{item.label}</span>
              {item.detail ? (
                <span
                  className={`min-w-0 truncate text-[12px] ${i === active ? "text-white" : "text-zinc-500 dark:text-zinc-400"}`}
                >
                  {item.detail}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
