"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

/** The search box: a plain GET form without JS, a debounced URL update with it. */
export function ContactSearch({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initialQuery);
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function go(q: string) {
    const url = q.trim() ? `${pathname}?q=${encodeURIComponent(q.trim())}` : pathname;
    startTransition(() => router.replace(url, { scroll: false }));
  }

  return (
    <form
      role="search"
      action={pathname}
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        go(value);
      }}
      className="relative w-full sm:w-80"
    >
      <label htmlFor="contact-search" className="sr-only">
        Search contacts by name or number
      </label>
      <input
        id="contact-search"
        name="q"
        type="search"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          clearTimeout(timer.current);
          const q = e.target.value;
          timer.current = setTimeout(() => go(q), 250);
        }}
        placeholder="Search by name or number"
        autoComplete="off"
        className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {pending ? (
        <span role="status" className="absolute top-1/2 right-3 -translate-y-1/2 text-xs text-zinc-400">
          Searching…
        </span>
      ) : null}
    </form>
  );
}
