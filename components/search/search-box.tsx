"use client";

import { useEffect, useRef } from "react";

/** The query input; "/" anywhere on the page focuses it (unless typing in another field). */
export function SearchBox({
  value,
  onChange,
  onSubmit,
  autoFocus,
  placeholder = 'Search messages — words, "phrases", -exclude, OR, deliv*, numbers, names',
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.(value);
      }}
      className="relative"
    >
      <input
        ref={input}
        type="search"
        name="q"
        aria-label="Search messages"
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        className="w-full rounded-lg border border-zinc-300 bg-white py-2 pr-10 pl-3 text-sm text-zinc-900 shadow-sm outline-none placeholder:text-zinc-400 focus:border-blue-500 focus:ring-2 focus:ring-blue-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500"
      />
      <kbd className="pointer-events-none absolute top-1/2 right-3 hidden -translate-y-1/2 rounded border border-zinc-300 px-1.5 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400 [@media(hover:hover)]:block">
        /
      </kbd>
    </form>
  );
}
