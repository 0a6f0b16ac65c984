"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import useSWR from "swr";
import type { InboxTab } from "@/lib/workflow/workflow-schemas";
import { getJsonQuietly } from "@/components/shell/api-client";
import { subscribeLive } from "./live-store";
import { rovingFocus, rovingKeyDown } from "./roving-group";

// Open (default), Mine, Unassigned, Snoozed, Done, All, each with its live count; the tab
// is in the address (?tab=), so it survives a reload and can be linked.

export const TABS: { tab: InboxTab; label: string }[] = [
  { tab: "open", label: "Open" },
  { tab: "mine", label: "Mine" },
  { tab: "unassigned", label: "Unassigned" },
  { tab: "snoozed", label: "Snoozed" },
  { tab: "done", label: "Done" },
  { tab: "all", label: "All" },
];

// 12,345 → "12K": six tabs fit the list's width.
const compact = new Intl.NumberFormat(undefined, { notation: "compact" });

export function parseTab(value: string | null): InboxTab {
  return TABS.some((t) => t.tab === value) ? (value as InboxTab) : "open";
}

export function InboxTabs({ tab }: { tab: InboxTab }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const hrefFor = (t: InboxTab) => {
    const q = new URLSearchParams(params);
    if (t === "open") q.delete("tab");
    else q.set("tab", t);
    const query = q.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const { data: counts, mutate } = useSWR<Record<InboxTab, number>>("/api/conversations/tabs", getJsonQuietly);
  // Counts follow every change anyone makes; a burst (bulk, ingest) is one refetch.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeLive((m) => {
      // "members": a disabled member's open conversations count as unassigned.
      if (m.kind === "event" && !["conversation", "activity", "message", "members"].includes(m.event.type)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void mutate(), 150);
    });
    return () => (unsubscribe(), clearTimeout(timer));
  }, [mutate]);
  return (
    <nav
      aria-label="Inbox views"
      onKeyDown={rovingKeyDown}
      onFocus={rovingFocus}
      className="-mx-1 flex flex-wrap gap-0.5 text-[12px]"
      data-testid="inbox-tabs"
    >
      {TABS.map((t) => {
        const current = t.tab === tab;
        return (
          <Link
            key={t.tab}
            href={hrefFor(t.tab)}
            scroll={false}
            aria-current={current ? "page" : undefined}
            tabIndex={current ? 0 : -1}
            data-roving
            data-tab={t.tab}
            className={`flex shrink-0 items-center gap-1 rounded-md px-1.5 py-1 font-medium outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${
              current
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            }`}
          >
            {t.label}
            <span
              className={`tabular-nums ${current ? "opacity-80" : "text-zinc-500 dark:text-zinc-400"}`}
              data-testid={`tab-count-${t.tab}`}
            >
              {counts ? compact.format(counts[t.tab]) : "…"}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}

/** An empty tab: the first-run help when there are no conversations at all, else a short note. */
export function EmptyTab({ tab, fallback }: { tab: InboxTab; fallback: React.ReactNode }) {
  const { data: counts } = useSWR<Record<InboxTab, number>>("/api/conversations/tabs", getJsonQuietly);
  if (tab === "all" || !counts || counts.all === 0) return fallback;
  const label = TABS.find((t) => t.tab === tab)?.label ?? tab;
  return (
    <p className="p-6 text-center text-sm text-zinc-500 dark:text-zinc-400" data-testid="empty-tab">
      {tab === "open" ? "Nothing open: every conversation is done or snoozed." : `No conversations in ${label}.`}
    </p>
  );
}
