"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";

// A notice the viewer can put away. Remembered per browser under `storageKey`, so a new
// situation (a different key) shows again.

const subscribe = () => () => {};

export function DismissibleNotice({ storageKey, children }: { storageKey: string; children: ReactNode }) {
  const stored = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem("dismissed-notice") === storageKey,
    () => false,
  );
  const [dismissed, setDismissed] = useState(false);
  if (stored || dismissed) return null;
  return (
    <div className="relative" data-testid="dismissible-notice">
      {children}
      <button
        type="button"
        onClick={() => {
          window.localStorage.setItem("dismissed-notice", storageKey);
          setDismissed(true);
        }}
        aria-label="Dismiss this notice"
        className="absolute top-1 right-2 rounded px-2 py-1 text-sm text-red-800 hover:bg-red-100 dark:text-red-200 dark:hover:bg-red-900/60"
      >
        ✕
      </button>
    </div>
  );
}
