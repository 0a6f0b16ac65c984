import { z } from "zod";

// What the operator endpoints answer (health, version, media retry).

export const healthResponse = z.looseObject({ ok: z.boolean(), db: z.enum(["up", "down"]), sync: z.looseObject({}).optional() });
export const versionResponse = z.object({ name: z.string(), version: z.string() });
export const retryMediaResponse = z.object({ id: z.number().int(), state: z.literal("pending") });
