import { z } from "zod";
import type { Tx } from "@/lib/db/client";

// Every effect of a webhook announces itself on one Postgres channel. NOTIFY inside the
// ingest transaction is delivered only if that transaction commits, so listeners never
// hear about something that was rolled back.

export const INBOX_CHANNEL = "inbox_events";

const id = z.number().int();

/**
 * Every payload on the channel, for both senders: notifyInbox() here and the SQL functions'
 * inbox_notify(…, json_build_object('type', …)) (prisma/migrations; see lib/db/client.ts).
 * tests/realtime/notify-shapes.test.ts holds each SQL json_build_object to these keys and
 * parses what the ingest path really sends.
 */
export const inboxEventSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("message"), conversationId: id, handle: z.string() }),
  z.strictObject({ type: z.literal("status"), conversationId: id, handle: z.string(), status: z.string() }),
  z.strictObject({ type: z.literal("reaction"), conversationId: id, handle: z.string(), targetHandle: z.string() }),
  z.strictObject({ type: z.literal("typing"), conversationId: id, isTyping: z.boolean() }),
  z.strictObject({ type: z.literal("call"), conversationId: id.nullable(), callId: id }),
  z.strictObject({ type: z.literal("line"), lineNumber: z.string(), kind: z.string() }),
  z.strictObject({ type: z.literal("contact"), number: z.string() }),
  z.strictObject({ type: z.literal("conversation"), conversationId: id }),
  // A line was added to the conversation's activity trail (lib/activity/record-activity.ts).
  // A note's line names the members it mentions, so only their @ badges refetch; the SQL
  // senders (never a note) leave it out.
  z.strictObject({ type: z.literal("activity"), conversationId: id, mentions: z.array(id).optional() }),
  // A label was created, renamed, recoloured or deleted (lib/labels/labels.ts).
  z.strictObject({ type: z.literal("labels") }),
  // A member was added, disabled, enabled again or removed (lib/auth/users.ts): open pages
  // refetch the team (assignee pickers, @ suggestions, presence) and, unless one was only
  // added, the conversations, whose assignee shows as nobody while that member is disabled.
  z.strictObject({
    type: z.literal("members"),
    userId: id,
    change: z.enum(["added", "disabled", "enabled", "removed"]),
  }),
  // Someone opened, started or stopped writing in, or left a conversation (lib/presence).
  z.strictObject({ type: z.literal("presence"), conversationId: id }),
  z.strictObject({ type: z.literal("media"), conversationId: id, messageId: id, attachmentId: id, state: z.string() }),
  // A member's sessions or API tokens were revoked (or the member disabled or removed): open
  // event streams re-check their caller now instead of at the next timer. Not sent to browsers.
  z.strictObject({ type: z.literal("access"), userId: id }),
]);

export type InboxEvent = z.infer<typeof inboxEventSchema>;

export type MemberChange = Extract<InboxEvent, { type: "members" }>["change"];

export async function notifyInbox(tx: Tx, event: InboxEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${INBOX_CHANNEL}, ${JSON.stringify(event)})`;
}
