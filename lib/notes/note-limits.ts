// The note length limit, apart from the zod schemas so the composer's check does not pull zod
// into the inbox's JavaScript.

export const MAX_NOTE_CHARS = 10_000;
