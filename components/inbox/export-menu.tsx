"use client";

import { Popover, popoverItem } from "./popover";

// The thread header's Export menu: the conversation as a printable HTML transcript or as
// JSON, each a download of GET /api/conversations/<id>/export. The links carry the viewer's
// time zone, so the transcript's times read as the thread's do.

const button =
  "shrink-0 rounded-md border border-zinc-200 px-2 py-0.5 text-[12px] text-zinc-700 outline-none hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800";

const item = popoverItem.replace("items-center gap-2", "flex-col items-start gap-0.5");

export function exportUrl(conversationId: number, format: "html" | "json"): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `/api/conversations/${conversationId}/export?${new URLSearchParams({ format, ...(tz ? { tz } : {}) })}`;
}

export function ExportMenu({ conversationId }: { conversationId: number }) {
  return (
    <Popover
      name={`export:${conversationId}`}
      label="Export conversation"
      buttonClassName={button}
      button={
        <>
          Export <span aria-hidden>▾</span>
        </>
      }
    >
      {(close) => (
        <ul className="space-y-0.5" data-testid="export-menu">
          <li>
            <a href={exportUrl(conversationId, "html")} download onClick={close} className={item}>
              <span className="font-medium">Transcript (HTML)</span>
              <span className="text-[11.5px] text-zinc-500 dark:text-zinc-400">
                Readable and printable, attachments linked
              </span>
            </a>
          </li>
          <li>
            <a href={exportUrl(conversationId, "json")} download onClick={close} className={item}>
              <span className="font-medium">Data (JSON)</span>
              <span className="text-[11.5px] text-zinc-500 dark:text-zinc-400">
                Every message and event, as the API gives them
              </span>
            </a>
          </li>
        </ul>
      )}
    </Popover>
  );
}
