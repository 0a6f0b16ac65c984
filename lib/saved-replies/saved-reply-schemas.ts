import { z } from "zod";

// The external shapes of saved replies (API bodies).

export const MAX_SAVED_REPLY_NAME = 60;
/** As long as a reply may be (lib/send/send-schemas.ts). */
export const MAX_SAVED_REPLY_BODY = 18_996;

const name = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "must not be empty")
      .max(MAX_SAVED_REPLY_NAME, `must be at most ${MAX_SAVED_REPLY_NAME} characters`),
  );
const body = z
  .string()
  .refine((s) => s.trim().length > 0, "must not be empty")
  .refine(
    (s) => s.length <= MAX_SAVED_REPLY_BODY,
    `must be at most ${MAX_SAVED_REPLY_BODY.toLocaleString("en-US")} characters`,
  );

export const createSavedReplyBody = z.object({ name, body });
export const updateSavedReplyBody = z
  .object({ name: name.optional(), body: body.optional() })
  .refine((b) => b.name !== undefined || b.body !== undefined, "give a name or a body");
