import { z } from "zod";
import { CONVERSATION_STATES } from "./workflow-schemas";

// What the conversation workflow routes answer (JSON; dates as ISO strings).

const count = z.number().int();

export const conversationChanged = z.object({
  id: z.number().int(),
  state: z.enum(CONVERSATION_STATES),
  snoozedUntil: z.string().nullable().describe("ISO 8601 time; null unless snoozed"),
  assigneeId: z.number().int().nullable(),
});

export const bulkChanged = z.object({
  changed: z
    .array(z.number().int())
    .describe("The ids that exist: the action now holds for each (including ones it already held for)"),
});

/** Written out (not a record over INBOX_TABS) so the document lists every tab as required. */
export const tabCountsResponse = z.object({
  open: count,
  mine: count.describe("Open and assigned to the caller; 0 for the shared automation token"),
  unassigned: count.describe("Open with no assignee, or assigned to a disabled member"),
  snoozed: count,
  done: count,
  all: count,
});

export const wakeResult = z.object({ woke: count.describe("Snoozed conversations reopened by this call") });
