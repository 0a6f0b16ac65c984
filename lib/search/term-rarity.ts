import type { SqlRunner } from "@/lib/db/pg-pool";
import type { Clause } from "./parse-query";
import { findCommonLexemes } from "./search-messages-sql";

// Whether a query is selective enough to go straight to the GIN index (see
// findMessageMatches). A word missing from ANALYZE's most-common list is in too few
// messages for the newest-first walk to fill a page from its bounded window, so trying the
// walk first would only add its cost. Prefix terms are never judged rare: "a*" is not.

const REFRESH_MS = 10 * 60_000;
const caches = new WeakMap<SqlRunner, { at: number; words: Promise<Set<string> | null> }>();

function commonWords(sql: SqlRunner): Promise<Set<string> | null> {
  const cached = caches.get(sql);
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.words;
  const words = findCommonLexemes(sql).then(
    (list) => new Set(list),
    // Without statistics every word counts as common: the walk-first order is always correct.
    () => null,
  );
  caches.set(sql, { at: Date.now(), words });
  return words;
}

export async function hasRareTerm(sql: SqlRunner, clauses: Clause[]): Promise<boolean> {
  const common = await commonWords(sql);
  if (!common || common.size === 0) return false;
  const rare = (w: string) => !common.has(w);
  // One AND-ed clause whose every alternative needs a rare word narrows the whole query.
  return clauses.some(
    (c) => !c.negated && c.anyOf.every((t) => t.words.some((w, i) => rare(w) && !(t.prefix && i === t.words.length - 1))),
  );
}
