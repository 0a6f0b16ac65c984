import { z } from "zod";

// What the operator endpoints answer (health, version, media retry).

export const healthResponse = z.looseObject({
  ok: z.boolean(),
  db: z.enum(["up", "down"]),
  sync: z.looseObject({}).optional(),
  // ?deep=1 only:
  migrations: z
    .object({
      applied: z.number().int(),
      latest: z.string().nullable(),
      failed: z.array(z.string()),
      pending: z.array(z.string()).nullable(),
    })
    .optional(),
  backgroundTasks: z
    .array(z.object({ name: z.string(), state: z.string(), percent: z.number().nullable() }))
    .optional(),
  mediaQueue: z
    .object({ pending: z.number().int(), failed: z.number().int(), oldestPendingAgeSeconds: z.number() })
    .optional(),
});
export const versionResponse = z.object({ name: z.string(), version: z.string() });
export const retryMediaResponse = z.object({ id: z.number().int(), state: z.literal("pending") });
