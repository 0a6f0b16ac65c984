"use client";

import type { ConversationView } from "./api";
import { avatarHue, initials } from "./format";

// A list row's workflow marks: snoozed until when, done, and the assignee's initials.

const short = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric", minute: "2-digit" });

export function RowMarks({ c, selected }: { c: ConversationView; selected: boolean }) {
  const muted = selected ? "text-white" : "text-zinc-500 dark:text-zinc-400";
  if (!c.assignee && c.state === "open") return null;
  return (
    <span className="flex shrink-0 flex-col items-end gap-1">
      {c.state === "snoozed" && c.snoozedUntil && (
        <span
          className={`shrink-0 text-[11px] tabular-nums ${muted}`}
          data-testid="row-snoozed"
          title={`Snoozed until ${new Date(c.snoozedUntil).toLocaleString()}`}
        >
          <svg viewBox="0 0 20 20" aria-hidden className="mr-0.5 inline h-3 w-3 fill-current align-[-2px]">
            <path d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 2a6 6 0 1 0 0 12 6 6 0 0 0 0-12Zm.75 2v3.7l2.6 1.5-.75 1.3-3.35-1.95V6h1.5Z" />
          </svg>
          <span className="sr-only">Snoozed until </span>
          {short.format(new Date(c.snoozedUntil))}
        </span>
      )}
      {c.state === "done" && (
        <span
          className={`shrink-0 text-[11px] font-medium ${selected ? "text-white" : "text-green-700 dark:text-green-400"}`}
          data-testid="row-done"
        >
          ✓ Done
        </span>
      )}
      {c.assignee && (
        <span
          className="flex h-[18px] w-[18px] shrink-0 items-center justify-center rounded-full text-[9px] font-semibold text-white ring-1 ring-white dark:ring-zinc-900"
          style={{ background: `hsl(${avatarHue(`member-${c.assignee.id}`)} 45% 40%)` }}
          title={`Assigned to ${c.assignee.name}`}
          data-testid="row-assignee"
        >
          <span aria-hidden>{initials(c.assignee.name)}</span>
          <span className="sr-only">Assigned to {c.assignee.name}</span>
        </span>
      )}
    </span>
  );
}
