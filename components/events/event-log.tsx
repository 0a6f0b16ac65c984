"use client";

import { useState } from "react";
import useSWRInfinite from "swr/infinite";
import { getJson } from "@/components/shell/api-client";
import { LocalTime } from "@/components/shell/local-time";
import type { WebhookEventList } from "@/lib/read/list-webhook-events";
import { EventDetail, type EventView } from "./event-detail";
import { OutcomeBadge } from "./outcome-badge";
import { LoadMore } from "@/components/shell/load-more";

/** Newest first; the first page is server-rendered, "Load more" follows the id cursor. */
export function EventLog({
  filters,
  initial,
}: {
  filters: { type: string; outcome: string };
  initial: WebhookEventList;
}) {
  const base = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const { data, size, setSize, isValidating, error } = useSWRInfinite<WebhookEventList>(
    (index, previous) => {
      if (index === 0) return `/api/webhook-events?${base}`;
      if (!previous?.nextCursor) return null;
      const params = new URLSearchParams(base);
      params.set("cursor", previous.nextCursor);
      return `/api/webhook-events?${params}`;
    },
    getJson,
    { fallbackData: [initial], revalidateFirstPage: false, revalidateOnFocus: false },
  );
  // Re-processed rows show their new outcome in place, even when it no longer matches the filter.
  const [updates, setUpdates] = useState<Record<number, Partial<EventView>>>({});
  const [openId, setOpenId] = useState<number | null>(null);
  const pages = data ?? [initial];
  const events = pages.flatMap((p) => p.events).map((e) => ({ ...e, ...updates[e.id] }));
  const hasMore = Boolean(pages.at(-1)?.nextCursor);
  const loadingMore = isValidating && size > pages.length;

  return (
    <div className="space-y-3">
      <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {events.map((event) => {
          const open = openId === event.id;
          return (
            <li key={event.id} data-event-id={event.id}>
              <button
                type="button"
                aria-expanded={open}
                aria-controls={`event-${event.id}`}
                onClick={() => setOpenId(open ? null : event.id)}
                className="flex w-full items-center gap-3 px-4 py-2.5 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-900"
              >
                <span className="w-24 shrink-0">
                  <OutcomeBadge outcome={event.outcome} />
                </span>
                <span className="min-w-0 flex-1 truncate font-mono text-xs sm:w-36 sm:flex-none sm:shrink-0">
                  {event.type}
                </span>
                <span className="hidden min-w-0 flex-1 truncate text-xs text-zinc-500 sm:block dark:text-zinc-400">
                  {event.error ?? event.messageHandle ?? `${event.bodySize.toLocaleString()} bytes`}
                </span>
                <span className="ml-auto shrink-0 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
                  <LocalTime iso={event.receivedAt} relative />
                </span>
              </button>
              {open ? (
                <div id={`event-${event.id}`}>
                  <EventDetail
                    event={event}
                    onReprocessed={(o) =>
                      setUpdates((u) => ({
                        ...u,
                        [event.id]: {
                          outcome: o.outcome,
                          statusCode: o.statusCode,
                          error: o.error,
                          attempts: event.attempts + 1,
                        },
                      }))
                    }
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <LoadMore error={error} hasMore={hasMore} loading={loadingMore} onLoad={() => void setSize(size + 1)} />
    </div>
  );
}
