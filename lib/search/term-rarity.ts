import type { SqlRunner } from "@/lib/db/pg-pool";
import type { Clause, Term } from "./parse-query";
import { findCommonLexemes, findEnglishStems } from "./search-messages-sql";

// Whether a query is selective enough to go straight to the GIN indexes (see
// findMessageMatches). A word missing from ANALYZE's most-common list is in too few
// messages for the newest-first walk to fill a page from its bounded window, so trying the
// walk first would only add its cost. The same holds for a phrase one of whose adjacent
// word pairs is missing from search_pairs' list ("let me know": common words, seldom side by
// side). Prefix terms are never judged rare: "a*" is not.

// With word forms, a word is rare only when its stem is too ("meetings" is seldom written,
// but its stem 'meet' / '§meet' is common): the stems come from the database's own stemmer,
// asked once per word and remembered.
const REFRESH_MS = 10 * 60_000;
const STEMS_KEPT = 2000;
type Common = { words: Set<string>; pairs: Set<string> } | null;
const stemCache = new Map<string, string[]>();
const caches = new WeakMap<SqlRunner, { at: number; common: Promise<Common> }>();

function commonLexemes(sql: SqlRunner): Promise<Common> {
  const cached = caches.get(sql);
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.common;
  const common = Promise.all([findCommonLexemes(sql, "search_vector"), findCommonLexemes(sql, "search_pairs")]).then(
    ([words, pairs]) => (words.length === 0 ? null : { words: new Set(words), pairs: new Set(pairs) }),
    // Without statistics every term counts as common: the walk-first order is always correct.
    () => null,
  );
  caches.set(sql, { at: Date.now(), common });
  return common;
}

/** `wordForms`: plain words also match their English forms, which may be common when the word is not. */
export async function hasRareTerm(sql: SqlRunner, clauses: Clause[], wordForms = false): Promise<boolean> {
  const common = await commonLexemes(sql);
  if (!common) return false;
  const formsOf = wordForms ? await stems(sql, clauses) : new Map<string, string[]>();
  // One AND-ed clause whose every alternative needs a rare word or pair narrows the whole query.
  return clauses.some(
    (c) => !c.negated && c.anyOf.every((t) => rareWord(common, t, formsOf) || rarePair(common.pairs, t)),
  );
}

function rareWord(common: NonNullable<Common>, t: Term, formsOf: Map<string, string[]>): boolean {
  const forms = t.kind === "word" && !t.prefix ? (formsOf.get(t.text) ?? []) : [];
  return t.words.some(
    (w, i) =>
      !common.words.has(w) &&
      !(t.prefix && i === t.words.length - 1) &&
      !forms.some((s) => common.words.has(s) || common.words.has(`§${s}`)),
  );
}

async function stems(sql: SqlRunner, clauses: Clause[]): Promise<Map<string, string[]>> {
  const words = [
    ...new Set(clauses.flatMap((c) => c.anyOf.filter((t) => t.kind === "word" && !t.prefix).map((t) => t.text))),
  ];
  const missing = words.filter((w) => !stemCache.has(w));
  if (missing.length) {
    const found = await findEnglishStems(sql, missing).catch(() => new Map<string, string[]>());
    for (const w of missing) {
      if (stemCache.size >= STEMS_KEPT) stemCache.delete(stemCache.keys().next().value!);
      stemCache.set(w, found.get(w) ?? []);
    }
  }
  return new Map(words.map((w) => [w, stemCache.get(w)!]));
}

// Our own split into words stands in for the database's here: a wrong guess only costs time,
// never results (the pairs condition itself is computed by the database, see phrasePairs).
function rarePair(pairs: Set<string>, t: Term): boolean {
  if (t.kind !== "phrase" || t.prefix || pairs.size === 0) return false;
  return t.words.slice(1).some((w, i) => !pairs.has(`${t.words[i]} ${w}`));
}
