import { z } from "zod";

// What the saved-reply routes answer.

export const savedReplyView = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  body: z.string().describe("With its {{variables}} as written"),
  updatedAt: z.string().describe("ISO 8601 time"),
});

export const savedReplyList = z.object({ savedReplies: z.array(savedReplyView) });
