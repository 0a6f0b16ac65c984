// Who hears of what: the one decision behind the browser tab's notifications
// (components/notifications/) and Web Push (push-targets.ts), so the two never disagree.
// Pure, so the browser bundles it too.

export const NOTIFY_PREFERENCES = ["all", "mine_and_unassigned", "mentions", "off"] as const;
export type NotifyPreference = (typeof NOTIFY_PREFERENCES)[number];

/** What each choice means, in the settings' words. */
export const NOTIFY_PREFERENCE_LABELS: Record<NotifyPreference, { label: string; detail: string }> = {
  all: { label: "All new messages", detail: "Every new message from a contact, and mentions of you." },
  mine_and_unassigned: {
    label: "Mine and unassigned",
    detail: "New messages in conversations assigned to you or to no one, and mentions of you.",
  },
  mentions: { label: "Mentions only", detail: "Only when a teammate mentions you in a note." },
  off: { label: "Off", detail: "No notifications." },
};

export type NotifyEvent =
  /** A new message from a contact. `assigneeId`: null when unassigned (or assigned to a disabled member, which shows as unassigned). */
  | { kind: "message"; assigneeId: number | null }
  /** A mention of `mentionedUserId` in an internal note. */
  | { kind: "mention"; mentionedUserId: number };

export function shouldNotify(preference: NotifyPreference, memberId: number, event: NotifyEvent): boolean {
  if (preference === "off") return false;
  if (event.kind === "mention") return event.mentionedUserId === memberId;
  if (preference === "all") return true;
  if (preference === "mine_and_unassigned") return event.assigneeId === null || event.assigneeId === memberId;
  return false;
}
