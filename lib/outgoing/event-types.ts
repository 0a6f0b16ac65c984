import { z } from "zod";

// The events an endpoint can subscribe to, and the versioned body each is delivered in:
// { type, version: 1, timestamp, data }. Published in the OpenAPI document (webhooks).

export const EVENT_TYPES = [
  "message.received",
  "message.sent",
  "message.status",
  "attachment.kept",
  "conversation.updated",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What a Slack target can be told about. */
export const SLACK_EVENT_TYPES = ["message.received", "message.status"] as const;

export const EVENT_LABELS: Record<EventType, string> = {
  "message.received": "Message received",
  "message.sent": "Message sent (with who sent it)",
  "message.status": "Status changed (with the error when failed)",
  "attachment.kept": "Attachment kept (our copy exists)",
  "conversation.updated": "Conversation state or assignment changed (with who changed it)",
};

const conversationRef = z.object({
  id: z.number().int(),
  kind: z.enum(["direct", "group"]),
  line: z.string().nullable(),
  contactNumber: z.string().nullable(),
  groupId: z.string().nullable(),
});

const messageData = z.object({
  message: z.object({
    id: z.number().int(),
    handle: z.string(),
    direction: z.enum(["inbound", "outbound"]),
    service: z.string().nullable(),
    content: z.string(),
    status: z.string(),
    sentAt: z.string().describe("ISO 8601"),
    senderNumber: z.string().nullable(),
    error: z
      .object({ code: z.string().nullable(), message: z.string().nullable() })
      .nullable()
      .describe("Set when the send failed"),
    sentBy: z
      .object({ userId: z.number().int(), name: z.string() })
      .nullable()
      .describe("The member who sent it from the inbox"),
  }),
  conversation: conversationRef,
});

const attachmentData = z.object({
  attachment: z.object({
    id: z.number().int(),
    messageId: z.number().int(),
    kind: z.string(),
    contentType: z.string().nullable(),
    fileName: z.string().nullable(),
    byteSize: z.number().int().nullable(),
    url: z.string().describe("Our copy: GET it with an API token"),
  }),
  conversation: z.object({ id: z.number().int() }),
});

const memberRef = z.object({ userId: z.number().int().nullable(), name: z.string().nullable() });

// Written by the trigger on conversation_activity (migration 20261202170000): the conversation
// as it is after the change, the change as the activity trail records it, and who made it.
const conversationData = z.object({
  conversation: conversationRef.extend({
    state: z.enum(["open", "done", "snoozed"]),
    snoozedUntil: z.string().nullable().describe("ISO 8601, while snoozed"),
    assignee: memberRef.nullable(),
  }),
  change: z
    .object({ kind: z.enum(["state", "assignment"]) })
    .loose()
    .describe(
      "state: { from, to, snoozedUntil?, reason? }; assignment: { from, to, toName, reason? } (reason: new_message, snooze_woke, auto, member_disabled)",
    ),
  actor: memberRef
    .nullable()
    .describe(
      "The member (or API token's member) who made the change; null when the inbox did (a new message, a snooze waking, auto-assign)",
    ),
});

const envelope = <T extends EventType, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    version: z.literal(1),
    timestamp: z.string().describe("ISO 8601, when the change was committed"),
    data,
  });

export const EVENT_BODIES = {
  "message.received": envelope("message.received", messageData),
  "message.sent": envelope("message.sent", messageData),
  "message.status": envelope("message.status", messageData),
  "attachment.kept": envelope("attachment.kept", attachmentData),
  "conversation.updated": envelope("conversation.updated", conversationData),
} satisfies Record<EventType, z.ZodType>;
