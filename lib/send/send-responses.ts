import { z } from "zod";

// What the send endpoints answer. The message fields follow the read API's message view.

export const sendResult = z.looseObject({
  status: z.string().describe("QUEUED, SENT, … or FAILED (then the answer is 502)"),
});
export const typingResult = z.object({ ok: z.boolean(), reason: z.string().optional() });
export const uploadResult = z.object({ mediaUrl: z.string().describe("Send as the reply's mediaUrl") });
