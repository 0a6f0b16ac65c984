import { describe, expect, it } from "vitest";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { parseQuery } from "@/lib/search/parse-query";
import { hasRareTerm } from "@/lib/search/term-rarity";

// Stands in for pg_stats: the most common words of search_vector and pairs of search_pairs.
const stats = (words: string[] | null, pairs: string[] | null = []): SqlRunner => ({
  query: (async (_text: string, values: unknown[]) => ({
    rows: [{ elems: values[0] === "search_pairs" ? pairs : words }],
  })) as never,
});
const clauses = (q: string) => {
  const p = parseQuery(q);
  if (p.kind !== "text") throw new Error("text query expected");
  return p.clauses;
};

describe("hasRareTerm", () => {
  const common = stats(
    ["the", "you", "see", "tomorrow", "thanks", "ok", "let", "me", "know"],
    ["see you", "you tomorrow", "let me"],
  );

  it("sends a query with a word outside the most-common list straight to the index", async () => {
    expect(await hasRareTerm(common, clauses("thanks zeppelin"))).toBe(true);
    expect(await hasRareTerm(common, clauses('"see you zeppelin"'))).toBe(true);
    expect(await hasRareTerm(common, clauses("zeppelin OR quokka"))).toBe(true);
  });

  it("sends a phrase of common words that are seldom side by side straight to the index", async () => {
    expect(await hasRareTerm(common, clauses('"let me know"'))).toBe(true);
    expect(await hasRareTerm(common, clauses('"you see"'))).toBe(true);
    expect(await hasRareTerm(common, clauses('"let me know" OR "see you"'))).toBe(false);
    expect(await hasRareTerm(common, clauses("let me know"))).toBe(false); // words, not a phrase
    expect(await hasRareTerm(stats(["let", "me", "know"], []), clauses('"let me know"'))).toBe(false); // no pair statistics yet
  });

  it("walks newest-first for common words, prefixes, exclusions and mixed ORs", async () => {
    expect(await hasRareTerm(common, clauses("thanks"))).toBe(false);
    expect(await hasRareTerm(common, clauses('"see you tomorrow"'))).toBe(false);
    expect(await hasRareTerm(common, clauses("zepp*"))).toBe(false);
    expect(await hasRareTerm(common, clauses("thanks -zeppelin"))).toBe(false);
    expect(await hasRareTerm(common, clauses("zeppelin OR ok"))).toBe(false);
  });

  it("treats everything as common when there are no statistics yet", async () => {
    expect(await hasRareTerm(stats(null), clauses("zeppelin"))).toBe(false);
    expect(
      await hasRareTerm({ query: (async () => Promise.reject(new Error("denied"))) as never }, clauses("zeppelin")),
    ).toBe(false);
  });
});
