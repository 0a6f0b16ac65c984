import { z } from "zod";
import { INBOX_TABS } from "@/lib/workflow/workflow-schemas";
import { OUTCOMES } from "./list-webhook-events";

// Query-string shapes of the read API, shared by the routes, the tests and the README.

const limit = z.coerce.number().int().min(1).max(200).optional();
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const listConversationsQuery = z.object({
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  line: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  unread: z
    .preprocess(blankToUndefined, z.enum(["true", "false", "1", "0"]).optional())
    .transform((v) => v === "true" || v === "1"),
  /** A label's name (any case). */
  label: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  tab: z.preprocess(blankToUndefined, z.enum(INBOX_TABS).optional()),
  limit,
});

export const listMessagesQuery = z.object({
  before: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  after: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  around: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  /** An internal note's id: the page around it (an @mention's link). */
  aroundNote: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  limit,
});

export const listWebhookEventsQuery = z.object({
  type: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  outcome: z.preprocess(blankToUndefined, z.enum(OUTCOMES).optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  limit,
});

export const idParam = z.coerce.number().int().positive();

export const listContactsQuery = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  limit,
});

export const messageContextQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z.string().max(200).optional(),
});

/** ?variant=thumb for the thumbnail, =original for the bytes as received; default what a browser displays. */
export const mediaVariantQuery = z.object({ variant: z.enum(["original", "display", "thumb"]).optional() });
