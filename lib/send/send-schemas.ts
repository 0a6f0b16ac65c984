import { z } from "zod";
import { SEND_STYLES } from "./send-styles";

// Bodies of the reply endpoints, shared by routes, the composer and tests.

export const replyBody = z.object({
  clientId: z.uuid("clientId must be a UUID the browser generates per message"),
  content: z.string().max(18_996, "Sendblue accepts up to 18,996 characters").default(""),
  mediaUrl: z.url().optional(),
  sendStyle: z.enum(SEND_STYLES).optional(),
  /** An inline reply: the message_handle of the message this answers, in the same conversation. */
  replyTo: z.string().min(1).max(200).optional(),
});

export const reactionBody = z.object({
  clientId: z.uuid(),
  reaction: z.enum(["love", "like", "dislike", "laugh", "emphasize", "question"]),
  /** Sendblue's part_index for a multi-part message; omit it unless you know the part (Sendblue defaults to 0). */
  partIndex: z
    .number()
    .int("partIndex must be a whole number")
    .min(0, "partIndex must be 0 or more")
    .max(100)
    .optional(),
});

export const typingBody = z.object({ state: z.enum(["start", "stop"]) });
