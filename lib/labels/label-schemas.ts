import { z } from "zod";
import { LABEL_COLORS } from "./palette";

// The external shapes of labels (API bodies).

export const MAX_LABEL_NAME = 40;

const labelName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "must not be empty").max(MAX_LABEL_NAME, `must be at most ${MAX_LABEL_NAME} characters`));

export const createLabelBody = z.object({ name: labelName, color: z.enum(LABEL_COLORS).default("gray") });
export const updateLabelBody = z
  .object({ name: labelName.optional(), color: z.enum(LABEL_COLORS).optional() })
  .refine((b) => b.name !== undefined || b.color !== undefined, "give a name or a color");

/** A label to put on a conversation, by id or by name. */
export const addConversationLabelBody = z
  .object({ labelId: z.number().int().positive().optional(), name: labelName.optional() })
  .refine((b) => (b.labelId === undefined) !== (b.name === undefined), "give labelId or name");
