"use client";

import { useServerReachable } from "./connection-state";

// "Reconnecting…" in words where the agent is looking, while this tab cannot reach the
// inbox server: across the thread, and again in the composer, where it matters for sends.

export function ConnectionNotice({ place }: { place: "thread" | "composer" }) {
  const reachable = useServerReachable();
  if (reachable) return null;
  if (place === "composer") {
    return (
      <p
        role="status"
        data-testid="composer-connection"
        className="mb-1.5 flex items-center gap-1.5 text-[12px] font-medium text-amber-800 dark:text-amber-300"
      >
        <Spinner />
        Reconnecting… Messages you send now are kept here and can be retried.
      </p>
    );
  }
  return (
    <div
      role="status"
      data-testid="connection-notice"
      className="flex shrink-0 items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-[12.5px] text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <Spinner />
      <span>
        <strong className="font-semibold">Reconnecting…</strong> Can&apos;t reach the inbox server; new messages will
        appear once it&apos;s back.
      </span>
    </div>
  );
}

function Spinner() {
  return (
    <span
      aria-hidden
      className="h-3 w-3 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent motion-reduce:animate-none"
    />
  );
}
