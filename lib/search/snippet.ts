import { normalize, type HighlightTerm } from "./parse-query";
import { sameWordForm } from "./word-forms";

// A short excerpt of a message with the matched words marked, as plain segments the UI
// renders as text (never HTML). Matching mirrors the index: accents and case ignored,
// words split on anything that is not a letter or digit.

export type SnippetPart = { text: string; mark: boolean };

export const SNIPPET_CHARS = 180;
const LEAD_CHARS = 50;

export function matchRanges(content: string, terms: HighlightTerm[]): [number, number][] {
  if (terms.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const m of content.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
    const word = normalize(m[0]);
    if (
      terms.some((t) => (t.prefix ? word.startsWith(t.text) : t.forms ? sameWordForm(word, t.text) : word === t.text))
    ) {
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return ranges;
}

export function buildSnippet(content: string, terms: HighlightTerm[], maxChars = SNIPPET_CHARS): SnippetPart[] {
  const text = content.replace(/\s+/g, " ");
  const ranges = matchRanges(text, terms);
  let start = 0;
  let end = text.length;
  if (text.length > maxChars) {
    const first = ranges[0]?.[0] ?? 0;
    start = first > LEAD_CHARS ? text.lastIndexOf(" ", first - LEAD_CHARS) + 1 : 0;
    end = Math.min(text.length, start + maxChars);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start + maxChars / 2) end = space;
    }
  }
  const parts: SnippetPart[] = [];
  const push = (s: string, mark: boolean) => {
    if (s) parts.push({ text: s, mark });
  };
  if (start > 0) push("…", false);
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    push(text.slice(at, Math.max(a, at)), false);
    push(text.slice(Math.max(a, at), Math.min(b, end)), true);
    at = Math.min(b, end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) push("…", false);
  return parts;
}
