import type { Tx } from "@/lib/db/client";

// Every effect of a webhook announces itself on one Postgres channel. NOTIFY inside the
// ingest transaction is delivered only if that transaction commits, so listeners never
// hear about something that was rolled back.

export const INBOX_CHANNEL = "inbox_events";

export type InboxEvent =
  | { type: "message"; conversationId: number; handle: string }
  | { type: "status"; conversationId: number; handle: string; status: string }
  | { type: "reaction"; conversationId: number; handle: string; targetHandle: string }
  | { type: "typing"; conversationId: number; isTyping: boolean }
  | { type: "call"; conversationId: number | null; callId: number }
  | { type: "line"; lineNumber: string; kind: string }
  | { type: "contact"; number: string }
  | { type: "conversation"; conversationId: number }
  // A line was added to the conversation's activity trail (lib/activity/record-activity.ts).
  | { type: "activity"; conversationId: number }
  // A label was created, renamed, recoloured or deleted (lib/labels/labels.ts).
  | { type: "labels" }
  // A member was added, disabled, enabled again or removed (lib/auth/users.ts): open pages
  // refetch the team (assignee pickers, @ suggestions, presence) and, unless one was only
  // added, the conversations, whose assignee shows as nobody while that member is disabled.
  | { type: "members"; userId: number; change: MemberChange }
  // Someone opened, started or stopped writing in, or left a conversation (lib/presence).
  | { type: "presence"; conversationId: number }
  | { type: "media"; conversationId: number; messageId: number; attachmentId: number; state: string }
  // A member's sessions or API tokens were revoked (or the member disabled or removed): open
  // event streams re-check their caller now instead of at the next timer. Not sent to browsers.
  | { type: "access"; userId: number };

export type MemberChange = "added" | "disabled" | "enabled" | "removed";

export async function notifyInbox(tx: Tx, event: InboxEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${INBOX_CHANNEL}, ${JSON.stringify(event)})`;
}
