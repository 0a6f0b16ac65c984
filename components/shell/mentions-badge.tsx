"use client";

import Link from "next/link";
import { useEffect } from "react";
import useSWR from "swr";
import { getJsonQuietly } from "@/components/shell/api-client";
import { subscribeLive } from "@/components/inbox/live-store";

// The top bar's @ link with the signed-in member's unread mention count. In the inbox it
// follows the live stream (a note mentioning members is an activity event naming them);
// elsewhere it checks now and then.

const RECHECK_MS = 30_000;
export const MENTIONS_KEY = "/api/mentions?unread=true&limit=1";

export function MentionsBadge() {
  const { data, mutate } = useSWR<{ unreadCount: number }>(MENTIONS_KEY, getJsonQuietly, {
    refreshInterval: RECHECK_MS,
  });
  useEffect(
    () =>
      subscribeLive(
        (m) =>
          // Only a note that mentions someone can change a count; a state change, assignment or
          // label line is not worth a request from every open page.
          (m.kind === "resync" || (m.event.type === "activity" && (m.event.mentions?.length ?? 0) > 0)) &&
          void mutate(),
      ),
    [mutate],
  );
  const count = data?.unreadCount ?? 0;
  return (
    <Link
      href="/mentions"
      data-testid="mentions-badge"
      aria-label={count ? `Mentions, ${count} unread` : "Mentions"}
      className="relative inline-flex h-8 items-center rounded-md px-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <span aria-hidden="true" className="font-semibold">
        @
      </span>
      {count ? (
        <span
          aria-hidden="true"
          className="ml-1 rounded-full bg-red-600 px-1.5 text-[11px] leading-4 font-semibold text-white"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
