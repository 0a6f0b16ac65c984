"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

const selectClass =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Type and outcome filters, kept in the URL so a filtered view can be shared or reloaded. */
export function EventFilters({
  type,
  outcome,
  types,
  outcomes,
}: {
  type: string;
  outcome: string;
  types: readonly string[];
  outcomes: readonly string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function set(next: { type?: string; outcome?: string }) {
    const params = new URLSearchParams();
    const t = next.type ?? type;
    const o = next.outcome ?? outcome;
    if (t) params.set("type", t);
    if (o) params.set("outcome", o);
    const qs = params.toString();
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  return (
    <form className="flex flex-wrap items-center gap-2" onSubmit={(e) => e.preventDefault()}>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Type</span>
        <select name="type" value={type} onChange={(e) => set({ type: e.target.value })} className={selectClass}>
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Outcome</span>
        <select
          name="outcome"
          value={outcome}
          onChange={(e) => set({ outcome: e.target.value })}
          className={selectClass}
        >
          <option value="">All outcomes</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {o.replace("_", " ")}
            </option>
          ))}
        </select>
      </label>
      {pending ? (
        <span role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
          Loading…
        </span>
      ) : null}
    </form>
  );
}
