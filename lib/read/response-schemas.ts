import { z } from "zod";

// What the read API answers, as JSON (dates are ISO strings). Loose objects: the fields
// listed are promised; new ones may be added without breaking clients. Routes answer
// through jsonResponse(schema, …) so these cannot drift from what they send.

const iso = z.string().describe("ISO 8601 time");
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

/** Keyset paging: pass `nextCursor` back as `cursor` for the next page; null on the last page. */
export const nextCursor = nullable(z.string()).describe("Opaque cursor for the next page; null on the last page");

export const attachmentView = z.looseObject({
  id: z.number().int(),
  kind: z.string(),
  url: z.string(),
  thumbnailUrl: nullable(z.string()),
  originalUrl: nullable(z.string()),
  sourceUrl: z.string(),
  contentType: nullable(z.string()),
  fileName: nullable(z.string()),
  state: z.enum(["pending", "copying", "kept", "failed", "expired", "skipped"]).or(z.string()),
  byteSize: nullable(z.number()),
  error: nullable(z.string()),
});

export const messageView = z.looseObject({
  id: z.number().int(),
  handle: z.string(),
  clientId: nullable(z.string()),
  sentBy: nullable(z.string()).describe("The member who sent a reply from the inbox"),
  sentByUserId: nullable(z.number().int()),
  conversationId: z.number().int(),
  direction: z.enum(["inbound", "outbound"]),
  service: nullable(z.string()),
  content: z.string(),
  status: z.string(),
  error: nullable(z.looseObject({ code: nullable(z.string()), message: nullable(z.string()) })),
  sendStyle: nullable(z.string()),
  wasDowngraded: z.boolean(),
  senderNumber: nullable(z.string()),
  sentAt: iso,
  updatedAt: iso,
  media: z.array(attachmentView),
  reactions: z.array(z.unknown()),
});

export const conversationView = z.looseObject({
  id: z.number().int(),
  kind: z.enum(["direct", "group"]),
  line: nullable(z.string()),
  lineBlocked: z.boolean(),
  title: z.string(),
  contact: nullable(
    z.looseObject({
      number: z.string(),
      name: nullable(z.string()),
      company: nullable(z.string()),
      tags: z.array(z.string()),
      optedOut: z.boolean(),
    }),
  ),
  groupId: nullable(z.string()),
  participants: z.array(z.string()),
  lastMessage: nullable(messageView),
  unreadCount: z.number().int(),
  typing: z.boolean(),
  updatedAt: iso,
});

export const conversationList = z.object({ conversations: z.array(conversationView), nextCursor });

export const messagePage = z.object({
  messages: z.array(messageView),
  events: z.array(z.looseObject({})).describe("Call logs and line events inside the page's time window"),
  nextCursor: nextCursor.describe("Pass as `before` for older messages; null at the start of the thread"),
  newerCursor: nullable(z.string()).describe("Pass as `after` for newer messages; null at the live end"),
});

export const messageDetail = messageView.extend({
  statusHistory: z.array(
    z.object({
      status: z.string(),
      errorCode: nullable(z.string()),
      errorMessage: nullable(z.string()),
      occurredAt: nullable(iso),
      receivedAt: iso,
    }),
  ),
});

export const contactList = z.object({
  contacts: z.array(z.looseObject({ id: z.number().int(), number: z.string() })),
  nextCursor,
});

export const lineList = z.object({
  lines: z.array(
    z.looseObject({
      id: z.number().int(),
      number: z.string(),
      blocked: z.boolean(),
      lastActivityAt: nullable(iso),
      conversations: z.number(),
      messages: z.object({ inbound: z.number(), outbound: z.number() }),
      firstSeenAt: iso,
    }),
  ),
  unauthorizedWebhooks: z.unknown(),
});

export const webhookEventList = z.object({
  events: z.array(z.looseObject({ id: z.number().int(), type: z.string() })),
  nextCursor,
});
export const webhookEventDetail = z.looseObject({ id: z.number().int(), type: z.string() });

export const searchResults = z.looseObject({ results: z.array(z.looseObject({})), nextCursor });
export const messageContext = z.looseObject({ messages: z.array(messageView) });
