import { z } from "zod";
import { MAX_NOTE_CHARS } from "./note-limits";

// The external shapes of notes and mentions (API bodies and queries).

export const createNoteBody = z.object({
  body: z
    .string()
    .refine((s) => s.trim().length > 0, "must not be empty")
    .refine((s) => s.length <= MAX_NOTE_CHARS, `must be at most ${MAX_NOTE_CHARS.toLocaleString("en-US")} characters`),
  /** Members to notify, by id (the composer's @ autocomplete fills this in). */
  mentions: z.array(z.number().int().positive()).max(50).default([]),
});

export const listNotesQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const listMentionsQuery = z.object({
  cursor: z.string().max(200).optional(),
  unread: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Marks the given mentions read, or all of the caller's with `all: true`. */
export const markMentionsReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);
