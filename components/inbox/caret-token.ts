// The word being typed at the caret when it starts with a trigger character, for the
// composer's pickers: "@" for mentions, "/" for saved replies. A trigger counts only at the
// start of the text or after whitespace, so an email address or a URL never opens a picker.

export type CaretToken = { start: number; query: string };

const PATTERNS = {
  "@": /(?:^|\s)@([\p{L}\p{N}._-]*)$/u,
  "/": /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u,
} as const;

export function tokenAtCaret(text: string, caret: number, trigger: keyof typeof PATTERNS): CaretToken | null {
  const m = text.slice(0, caret).match(PATTERNS[trigger]);
  if (!m) return null;
  const query = m[1] ?? "";
  return { start: caret - query.length - 1, query };
}

/** The text with the token replaced, and where the caret goes after the insert. */
export function replaceToken(
  text: string,
  caret: number,
  token: CaretToken,
  insert: string,
): { text: string; caret: number } {
  return { text: text.slice(0, token.start) + insert + text.slice(caret), caret: token.start + insert.length };
}
