import { describe, expect, it } from "vitest";
import type { SqlRunner } from "@/lib/db/pg-pool";
import { parseQuery } from "@/lib/search/parse-query";
import { hasRareTerm } from "@/lib/search/term-rarity";

// Stands in for pg_stats: only the query text matters to hasRareTerm.
const stats = (elems: string[] | null): SqlRunner => ({ query: (async () => ({ rows: [{ elems }] })) as never });
const clauses = (q: string) => {
  const p = parseQuery(q);
  if (p.kind !== "text") throw new Error("text query expected");
  return p.clauses;
};

describe("hasRareTerm", () => {
  const common = stats(["the", "you", "see", "tomorrow", "thanks", "ok"]);

  it("sends a query with a word outside the most-common list straight to the index", async () => {
    expect(await hasRareTerm(common, clauses("thanks zeppelin"))).toBe(true);
    expect(await hasRareTerm(common, clauses('"see you zeppelin"'))).toBe(true);
    expect(await hasRareTerm(common, clauses("zeppelin OR quokka"))).toBe(true);
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
    expect(await hasRareTerm({ query: (async () => Promise.reject(new Error("denied"))) as never }, clauses("zeppelin"))).toBe(false);
  });
});
