"use client";

import { useServerReachable } from "./connection-state";
import { useLiveMode } from "./live-store";

// The list header's connection indicator: a dot while all is well (green live, amber when
// refreshing by polling), and words when the server cannot be reached.

export function LiveStatus() {
  const mode = useLiveMode();
  const reachable = useServerReachable();
  if (!reachable) {
    return (
      <span
        data-live-mode={mode}
        className="flex shrink-0 items-center gap-1 text-[11px] font-medium whitespace-nowrap text-amber-800 dark:text-amber-300"
      >
        <span aria-hidden className="h-2 w-2 rounded-full bg-amber-500" />
        Reconnecting…
      </span>
    );
  }
  return (
    <span
      title={
        mode === "live"
          ? "Live updates connected"
          : mode === "polling"
            ? "Live stream unavailable; refreshing every few seconds"
            : "Connecting…"
      }
      data-live-mode={mode}
      className={`h-2 w-2 shrink-0 rounded-full ${mode === "live" ? "bg-green-500" : mode === "polling" ? "bg-amber-500" : "bg-zinc-400"}`}
    >
      <span className="sr-only">{mode === "live" ? "Live" : mode === "polling" ? "Polling" : "Connecting"}</span>
    </span>
  );
}
