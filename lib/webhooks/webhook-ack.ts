import { z } from "zod";

/** What a webhook URL answers Sendblue once the event is stored. */
export const webhookAck = z.object({
  ok: z.literal(true),
  outcome: z.string().describe("stored, duplicate, ignored, …"),
  eventId: z.number().int().nullable(),
});
