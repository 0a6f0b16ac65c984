"use client";

import { useState } from "react";
import { formatDateTime } from "@/lib/format/date-time";
import { snoozePresets } from "@/lib/workflow/snooze-presets";
import { popoverItem } from "./popover";

// Snooze presets in the viewer's time zone, or a date and time of their choosing.

function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function SnoozePicker({ onPick }: { onPick: (iso: string) => void }) {
  const now = new Date();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [custom, setCustom] = useState(() => localInputValue(new Date(now.getTime() + 24 * 3_600_000)));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div data-testid="snooze-picker">
      {snoozePresets(now, zone).map((p) => (
        <button
          key={p.id}
          type="button"
          className={popoverItem}
          onClick={() => onPick(p.at.toISOString())}
          data-preset={p.id}
        >
          <span className="font-medium">{p.label}</span>
          <span className="ml-auto text-[12px] text-zinc-500 dark:text-zinc-400">{formatDateTime(p.at)}</span>
        </button>
      ))}
      <form
        className="mt-1 border-t border-zinc-100 px-2.5 pt-2 pb-1.5 dark:border-zinc-800"
        onSubmit={(e) => {
          e.preventDefault();
          const at = new Date(custom);
          if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) return setProblem("Pick a time in the future");
          onPick(at.toISOString());
        }}
      >
        <label className="block text-[12px] text-zinc-600 dark:text-zinc-300">
          Date and time
          <input
            type="datetime-local"
            value={custom}
            min={localInputValue(now)}
            onChange={(e) => (setCustom(e.target.value), setProblem(null))}
            className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-[13px] text-zinc-900 outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-600 dark:bg-zinc-950 dark:text-zinc-100 dark:[color-scheme:dark]"
          />
        </label>
        {problem && (
          <p role="alert" className="mt-1 text-[12px] text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        <button
          type="submit"
          className="mt-2 w-full rounded-md bg-blue-600 px-2 py-1 text-[13px] font-medium text-white outline-none hover:bg-blue-700 focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-1"
        >
          Snooze until then
        </button>
      </form>
    </div>
  );
}
