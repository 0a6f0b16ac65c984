"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import useSWR, { SWRConfig } from "swr";
import { conversationUrl, type ConversationView } from "./api";
import { fetchConversation } from "./conversation-fetch";
import { clearSelected } from "./bulk-selection";
import { parseTab } from "./inbox-tabs";
import { useWorkflowKeys } from "./use-workflow-keys";
import { ConversationList, type LineOption } from "./conversation-list";
import { isTypingTarget, modalOpen } from "./keyboard-target";
import { LiveConnection } from "./live-connection";
import { subscribeLive } from "./live-store";
import { openShortcuts, ShortcutsDialog } from "./shortcuts-dialog";
import { SkipToReply } from "./skip-to-reply";
import { Thread } from "./thread";
import { useConversationList, type ListFilters } from "./use-conversation-list";
import { useLiveMembers } from "./use-members";
import { TabNotifications } from "@/components/notifications/tab-notifications";
import { UnreadBadge } from "@/components/notifications/unread-badge";

// The inbox screen: list beside thread on wide screens, one of them at a time on a phone.
// The open conversation (and a jumped-to message or note) live in the URL: ?c=<id>&m=<handle>,
// or ?c=<id>&note=<noteId> (an @mention's link).

export function Inbox({
  lines,
  webhookBase,
  sendingDisabledReason,
}: {
  lines: LineOption[];
  webhookBase: string | null;
  sendingDisabledReason: string | null;
}) {
  return (
    <SWRConfig value={{ keepPreviousData: false, errorRetryCount: 3 }}>
      <LiveConnection />
      {/* Both follow the live stream above: notices while the tab is hidden, the unread count in its title. */}
      <TabNotifications />
      <UnreadBadge />
      <InboxScreen lines={lines} webhookBase={webhookBase} sendingDisabledReason={sendingDisabledReason} />
    </SWRConfig>
  );
}

function InboxScreen({
  lines,
  webhookBase,
  sendingDisabledReason,
}: {
  lines: LineOption[];
  webhookBase: string | null;
  sendingDisabledReason: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selectedId = Number(params.get("c")) || null;
  const anchor = params.get("m");
  const note = anchor ? null : Number(params.get("note")) || null;
  const tab = parseTab(params.get("tab"));
  // The label filter is in the URL (components/labels/label-filter.tsx), beside the tab;
  // opening and closing a conversation keeps both.
  const label = params.get("label") ?? "";
  const keep = [tab === "open" ? "" : `tab=${tab}`, label ? `label=${encodeURIComponent(label)}` : ""]
    .filter(Boolean)
    .join("&");
  const [lineFilters, setFilters] = useState<ListFilters>({ line: "", unread: false });
  const filters = { ...lineFilters, tab };
  const list = useConversationList({ ...filters, label });
  // A selection belongs to the tab it was made in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a change of tab, which it does not read
  useEffect(() => clearSelected(), [tab]);
  const { markReadLocally } = list;

  // Opened from the list (click, Enter): the thread takes keyboard focus once drawn.
  const [focusRequest, setFocusRequest] = useState({ id: 0, n: 0 });
  const open = useCallback(
    (id: number) => {
      setFocusRequest((r) => ({ id, n: r.n + 1 }));
      router.push(`${pathname}?${keep ? `${keep}&` : ""}c=${id}`, { scroll: false });
    },
    [router, pathname, keep],
  );
  const back = useCallback(
    () => router.push(keep ? `${pathname}?${keep}` : pathname, { scroll: false }),
    [router, pathname, keep],
  );
  const { data: openConversation } = useSWR<ConversationView>(
    selectedId ? conversationUrl(selectedId) : null,
    fetchConversation,
  );
  useWorkflowKeys({ openId: selectedId, openState: openConversation?.state ?? null, onUnreadOpen: back });
  const onMarkedRead = useCallback((id: number) => void markReadLocally(id), [markReadLocally]);
  // A member disabled elsewhere leaves the pickers, @ suggestions and presence at once.
  useLiveMembers();

  // Line blocked/assigned changes the filter's labels, which the server renders.
  useEffect(() => subscribeLive((m) => m.kind === "event" && m.event.type === "line" && router.refresh()), [router]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || !selectedId) return;
      if (isTypingTarget(e.target) || modalOpen()) return;
      e.preventDefault();
      back();
      // Return keyboard focus to the list so j/k carry on from the same place.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-conversation-id="${selectedId}"]`)?.focus(),
      );
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selectedId, back]);

  return (
    <div className="flex min-h-0 flex-1 bg-white text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100" data-testid="inbox">
      {selectedId ? <SkipToReply conversationId={selectedId} /> : null}
      <ShortcutsDialog />
      <ConversationList
        list={list}
        filters={{ ...filters, label }}
        setFilters={setFilters}
        lines={lines}
        selectedId={selectedId}
        onOpen={open}
        webhookBase={webhookBase}
        className={`w-full md:w-[340px] md:shrink-0 md:border-r lg:w-[360px] bg-zinc-50/60 dark:bg-zinc-900/40 ${selectedId ? "hidden md:flex" : "flex"}`}
      />
      {selectedId ? (
        <Thread
          key={`${selectedId}:${anchor ?? ""}:${note ?? ""}`}
          conversationId={selectedId}
          anchor={anchor}
          note={note}
          focusRequest={focusRequest.id === selectedId ? focusRequest.n : 0}
          sendingDisabledReason={sendingDisabledReason}
          onBack={back}
          onMarkedRead={onMarkedRead}
        />
      ) : (
        <div className="hidden min-w-0 flex-1 items-center justify-center md:flex">
          <div className="text-center text-[13px] text-zinc-500 dark:text-zinc-400">
            <p className="font-medium text-zinc-700 dark:text-zinc-300">Select a conversation</p>
            <p className="mt-1">
              <kbd className="rounded border border-zinc-300 px-1 dark:border-zinc-700">j</kbd> /{" "}
              <kbd className="rounded border border-zinc-300 px-1 dark:border-zinc-700">k</kbd> to move,{" "}
              <kbd className="rounded border border-zinc-300 px-1 dark:border-zinc-700">Enter</kbd> to open,{" "}
              <kbd className="rounded border border-zinc-300 px-1 dark:border-zinc-700">/</kbd> to search
            </p>
            <button
              type="button"
              onClick={openShortcuts}
              className="mt-2 rounded-md px-2 py-1 text-blue-700 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-blue-500 dark:text-blue-400"
            >
              All keyboard shortcuts (<kbd>?</kbd>)
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
