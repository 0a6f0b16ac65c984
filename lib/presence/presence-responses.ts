import { z } from "zod";

// What the presence route answers.

export const presenceChanged = z.object({
  changed: z.boolean().describe("Whether others were told (a new state); a steady heartbeat is false"),
});

export const presenceList = z.object({
  present: z.array(
    z.object({
      userId: z.number().int(),
      name: z.string(),
      state: z.enum(["viewing", "replying"]),
      expiresAt: z.string().describe("ISO 8601 time; gone unless a heartbeat renews it"),
    }),
  ),
});
