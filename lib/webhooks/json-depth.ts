// Sendblue's bodies nest two or three levels. A body nested thousands deep is valid JSON that
// JSON.parse accepts, but every recursive walk after it (zod, the sanitizer, JSON.stringify,
// PostgreSQL's jsonb parser) overflows its stack, so it is refused before any of them runs.
export const MAX_JSON_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const OPENERS = new Set([91, 123]); // [ {
const CLOSERS = new Set([93, 125]); // ] }

/** Whether JSON text (already known to parse) nests deeper than `max`; one pass, no recursion. */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (OPENERS.has(c)) {
      if (++depth > max) return true;
    } else if (CLOSERS.has(c)) {
      depth--;
    }
  }
  return false;
}
