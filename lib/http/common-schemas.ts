import { z } from "zod";
import { idParam } from "@/lib/read/api-schemas";

// Shapes many routes share, as published in the OpenAPI document.

export const errorBody = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. not_found, invalid_request"),
    message: z.string().describe("For people; a 400 names the field"),
  }),
});

export const okBody = z.looseObject({ ok: z.literal(true) });

export const revokedCounts = z.object({ sessions: z.number().int(), apiTokens: z.number().int() });

export const idPath = z.object({ id: idParam });
export const handlePath = z.object({ handle: z.string().describe("A message handle (URL-encoded)") });
