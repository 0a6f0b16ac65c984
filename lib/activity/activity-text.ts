import type { ThreadEvent } from "@/lib/read/list-thread-events";

// What one line of a conversation's activity trail says: who did what. Shared by the thread
// (times in the viewer's zone) and the exported transcript (times in the zone it was asked for).

export type ActivityEvent = Extract<ThreadEvent, { type: "activity" }>;

export function activityText(e: ActivityEvent, formatTime: (iso: string) => string): string {
  const who = e.actorName ?? "Someone";
  const d = e.data as {
    from?: unknown;
    to?: unknown;
    toName?: unknown;
    reason?: unknown;
    snoozedUntil?: unknown;
    action?: unknown;
    name?: unknown;
  };
  if (e.kind === "state") {
    if (d.reason === "new_message") return "Reopened by a new message";
    if (d.reason === "snooze_woke") return "Snooze ended: back to open";
    if (d.to === "done") return `${who} marked this done`;
    if (d.to === "snoozed")
      return `${who} snoozed this until ${typeof d.snoozedUntil === "string" ? formatTime(d.snoozedUntil) : "later"}`;
    return `${who} reopened this`;
  }
  if (e.kind === "assignment") {
    const to = typeof d.toName === "string" ? d.toName : null;
    if (d.reason === "auto") return `Assigned to ${to ?? "a member"} automatically`;
    if (!to) return `${who} unassigned this`;
    return to === e.actorName ? `${who} took this` : `${who} assigned this to ${to}`;
  }
  if (e.kind === "unread") return `${who} marked this unread`;
  if (e.kind === "label")
    return `${who} ${d.action === "removed" ? "removed the label" : "added the label"} “${String(d.name ?? "")}”`;
  return `${who}: ${e.kind}`;
}
