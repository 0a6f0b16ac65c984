import { z } from "zod";

// External shapes of the conversation workflow API (issue 14), shared by the routes, the
// tests and the README.

export const CONVERSATION_STATES = ["open", "done", "snoozed"] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export const INBOX_TABS = ["open", "mine", "unassigned", "snoozed", "done", "all"] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

const snoozedUntil = z.iso.datetime({ offset: true }).nullable().optional();
const assigneeId = z.number().int().positive().nullable().optional();

/** PATCH /api/conversations/<id>: any of the three; state "snoozed" needs snoozedUntil. */
export const conversationChange = z
  .object({ state: z.enum(CONVERSATION_STATES).optional(), snoozedUntil, assigneeId })
  .strict()
  .refine((c) => c.state !== undefined || c.snoozedUntil !== undefined || c.assigneeId !== undefined, {
    message: "Send at least one of state, snoozedUntil, assigneeId",
  });
export type ConversationChange = z.infer<typeof conversationChange>;

export const BULK_MAX = 500;

/** POST /api/conversations/bulk: one change for many conversations, or mark them unread. */
export const bulkChange = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(BULK_MAX),
    action: z.enum(["done", "open", "snooze", "assign", "unread"]),
    snoozedUntil,
    assigneeId,
  })
  .strict();
export type BulkChange = z.infer<typeof bulkChange>;
