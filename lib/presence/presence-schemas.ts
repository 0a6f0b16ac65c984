import { z } from "zod";

/** POST /api/conversations/<id>/presence */
export const presenceBody = z.object({ state: z.enum(["viewing", "replying", "left"]) });
