import { z } from "zod";

// What the Web Push subscription routes answer (JSON; dates as ISO strings).

export const pushSubscribed = z.object({
  subscription: z.object({ id: z.number().int(), createdAt: z.string().describe("ISO 8601 time") }),
});
export const pushUnsubscribed = z.object({
  removed: z.boolean().describe("False when no subscription of yours had that endpoint"),
});
