"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";

// Range (last 7/30/90 days, or two days of one's choosing) and line, kept in the URL so a
// view can be shared or reloaded.

export type LineChoice = { number: string; label: string };
type Range = "7d" | "30d" | "90d" | "custom";

const control =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const PRESETS: { id: Exclude<Range, "custom">; label: string }[] = [
  { id: "7d", label: "7 days" },
  { id: "30d", label: "30 days" },
  { id: "90d", label: "90 days" },
];

export function InsightsFilters({
  range,
  from,
  to,
  line,
  lines,
}: {
  range: Range;
  from: string;
  to: string;
  line: string;
  lines: LineChoice[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [custom, setCustom] = useState(range === "custom");
  const [days, setDays] = useState({ from, to });

  function go(next: { range?: Range; line?: string; from?: string; to?: string }) {
    const r = next.range ?? range;
    const params = new URLSearchParams({ range: r });
    if (r === "custom") {
      params.set("from", next.from ?? from);
      params.set("to", next.to ?? to);
    }
    const l = next.line ?? line;
    if (l) params.set("line", l);
    startTransition(() => router.replace(`${pathname}?${params}`, { scroll: false }));
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div
        role="group"
        aria-label="Days"
        className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
      >
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={!custom && range === p.id}
            onClick={() => {
              setCustom(false);
              go({ range: p.id });
            }}
            className="rounded px-2.5 py-1 text-sm text-zinc-700 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:text-zinc-300 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom}
          aria-expanded={custom}
          onClick={() => setCustom(true)}
          className="rounded px-2.5 py-1 text-sm text-zinc-700 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:text-zinc-300 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
        >
          Custom
        </button>
      </div>
      {custom ? (
        <form
          className="flex flex-wrap items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            go({ range: "custom", ...days });
          }}
        >
          <label className="flex items-center gap-1 text-sm">
            <span className="text-zinc-600 dark:text-zinc-400">From</span>
            <input
              type="date"
              required
              value={days.from}
              max={days.to}
              onChange={(e) => setDays({ ...days, from: e.target.value })}
              className={control}
            />
          </label>
          <label className="flex items-center gap-1 text-sm">
            <span className="text-zinc-600 dark:text-zinc-400">to</span>
            <input
              type="date"
              required
              value={days.to}
              min={days.from}
              onChange={(e) => setDays({ ...days, to: e.target.value })}
              className={control}
            />
          </label>
          <button type="submit" className={`${control} font-medium`}>
            Show
          </button>
        </form>
      ) : null}
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Line</span>
        <select value={line} onChange={(e) => go({ line: e.target.value })} className={control}>
          <option value="">All lines</option>
          {lines.map((l) => (
            <option key={l.number} value={l.number}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {pending ? (
        <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
          Loading…
        </span>
      ) : null}
    </div>
  );
}
