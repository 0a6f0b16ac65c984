// A small fuzzy match for pickers: the query's characters in order (case and accents
// ignored), scored so whole-word and prefix matches come first, then tighter runs.

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** A score (higher is better) or null when the query's characters are not all there in order. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = fold(query.trim());
  if (!q) return 0;
  const t = fold(text);
  const at = t.indexOf(q);
  if (at === 0) return 1000 - t.length;
  if (at > 0) return (/[^\p{L}\p{N}]/u.test(t[at - 1]!) ? 800 : 600) - at;
  let score = 0;
  let from = 0;
  let last = -2;
  for (const ch of q) {
    const i = t.indexOf(ch, from);
    if (i < 0) return null;
    score += i === last + 1 ? 5 : 1;
    last = i;
    from = i + 1;
  }
  return score;
}

/** Items ranked by their best score over the given fields; non-matches dropped. */
export function fuzzyFilter<T>(items: T[], query: string, fields: (item: T) => string[]): T[] {
  return items
    .map((item) => ({ item, score: Math.max(...fields(item).map((f) => fuzzyScore(query, f) ?? -1)) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.item);
}
