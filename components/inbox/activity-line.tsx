"use client";

import { fullTime, timeOfDay } from "./format";
import type { ThreadEvent } from "./api";

// One line of the conversation's activity trail in the thread timeline: who did what, when.

type ActivityEvent = Extract<ThreadEvent, { type: "activity" }>;

export function activityText(e: ActivityEvent): string {
  const who = e.actorName ?? "Someone";
  const d = e.data as { from?: unknown; to?: unknown; toName?: unknown; reason?: unknown; snoozedUntil?: unknown; action?: unknown; name?: unknown };
  if (e.kind === "state") {
    if (d.reason === "new_message") return "Reopened by a new message";
    if (d.reason === "snooze_woke") return "Snooze ended: back to open";
    if (d.to === "done") return `${who} marked this done`;
    if (d.to === "snoozed") return `${who} snoozed this until ${typeof d.snoozedUntil === "string" ? fullTime(d.snoozedUntil) : "later"}`;
    return `${who} reopened this`;
  }
  if (e.kind === "assignment") {
    const to = typeof d.toName === "string" ? d.toName : null;
    if (d.reason === "auto") return `Assigned to ${to ?? "a member"} automatically`;
    if (!to) return `${who} unassigned this`;
    return to === e.actorName ? `${who} took this` : `${who} assigned this to ${to}`;
  }
  if (e.kind === "unread") return `${who} marked this unread`;
  if (e.kind === "label") return `${who} ${d.action === "removed" ? "removed the label" : "added the label"} “${String(d.name ?? "")}”`;
  return `${who}: ${e.kind}`;
}

export function ActivityLine({ event }: { event: ActivityEvent }) {
  return (
    <p className="my-2 px-6 text-center text-[11.5px] text-zinc-500 dark:text-zinc-400" data-testid="activity-line" data-kind={event.kind}>
      <span className="font-medium text-zinc-600 dark:text-zinc-300">{activityText(event)}</span> ·{" "}
      <time dateTime={event.at} title={fullTime(event.at)}>{timeOfDay(event.at)}</time>
    </p>
  );
}
