import { describe, expect, it } from "vitest";
import { parseQuery, phraseClauses, QueryError, toTsquery, type ParsedQuery } from "@/lib/search/parse-query";

const text = (q: string) => {
  const p = parseQuery(q);
  if (p.kind !== "text") throw new Error(`expected a text query for ${q}`);
  return p;
};
const tsq = (q: string) => toTsquery(text(q).clauses);
const code = (q: string) => {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof QueryError) return e.code;
    throw e;
  }
  return "ok";
};

describe("parseQuery", () => {
  it("ANDs words, lower-cased and unaccented", () => {
    expect(tsq("Café  CRÈME")).toBe("'cafe' & 'creme'");
  });

  it("keeps an exact phrase as one quoted lexeme string the database splits into adjacent words", () => {
    expect(tsq('"See you tomorrow" please')).toBe("'see you tomorrow' & 'please'");
    expect(text('"see you"').clauses[0]!.anyOf[0]).toMatchObject({ kind: "phrase", words: ["see", "you"] });
  });

  it('excludes -words and -"phrases"', () => {
    expect(tsq('invoice -spam -"out of office"')).toBe("'invoice' & !'spam' & !'out of office'");
  });

  it("joins OR alternatives into one clause", () => {
    expect(tsq("refund OR return paid")).toBe("('refund' | 'return') & 'paid'");
    expect(tsq("a1 OR b2 OR c3")).toBe("('a1' | 'b2' | 'c3')");
  });

  it("treats lower-case or as a word and a dangling OR as nothing", () => {
    expect(tsq("this or that")).toBe("'this' & 'or' & 'that'");
    expect(tsq("OR deliver OR")).toBe("'deliver'");
  });

  it("turns a trailing * into a prefix match", () => {
    expect(tsq("deliv*")).toBe("'deliv':*");
    expect(text("deliv*").highlight).toEqual([{ text: "deliv", prefix: true }]);
  });

  it("recognises phone numbers in any formatting and keeps only the digits", () => {
    const phone = (q: string): ParsedQuery => parseQuery(q);
    expect(phone("(512) 216")).toEqual({ kind: "phone", digits: "512216" });
    expect(phone("+1512216")).toEqual({ kind: "phone", digits: "1512216" });
    expect(phone("2164639")).toEqual({ kind: "phone", digits: "2164639" });
    expect(phone("512-216-4639")).toEqual({ kind: "phone", digits: "5122164639" });
    // A short bare number is more likely a word (a year, an error code).
    expect(parseQuery("2024").kind).toBe("text");
  });

  it("offers plain words for contact-name matching", () => {
    expect(text("María López").nameWords).toEqual(["maria", "lopez"]);
    expect(text("maria -spam").nameWords).toEqual([]);
  });

  it("rejects empty, too-short and exclusion-only queries with a reason", () => {
    expect(code("")).toBe("query_empty");
    expect(code("   ")).toBe("query_empty");
    expect(code("a")).toBe("query_too_short");
    expect(code("a*")).toBe("query_too_short");
    expect(code("7")).toBe("query_too_short");
    expect(code("-spam")).toBe("query_only_excludes");
  });

  it("never lets input become tsquery syntax", () => {
    expect(tsq("'; drop table messages; --")).toBe("'drop' & 'table' & 'messages'");
    expect(code(":*")).toBe("query_empty");
    expect(code("&|!")).toBe("query_empty");
    expect(code("()<->")).toBe("query_empty");
    expect(tsq("it's")).toBe("'it''s'");
    expect(tsq("back\\slash")).toBe("'back\\\\slash'");
    expect(tsq('"unbalanced quote')).toBe("'unbalanced quote'");
    expect(tsq('foo" bar')).toBe("'foo' & 'bar'");
    expect(tsq("ab&cd|ef")).toBe("'ab&cd|ef'");
  });

  it("turns the quote marks the database's unaccent makes into ' or \\ into plain ones first, so they are escaped", () => {
    expect(tsq("don\u2019t")).toBe("'don''t'");
    expect(tsq('"don\u2019t stop"')).toBe("'don''t stop'");
    expect(tsq("ab\uff3ccd")).toBe("'ab\\\\cd'");
  });
});

describe("phraseClauses", () => {
  const phrases = (q: string) => phraseClauses(text(q).clauses);

  it("lists the clauses made only of exact phrases, each with its alternatives", () => {
    expect(phrases('"let me know" thanks')).toEqual([["let me know"]]);
    expect(phrases('"see you" OR "call me" e-mail')).toEqual([["see you", "call me"], ["e-mail"]]);
  });

  it("leaves out words, prefixes, exclusions and clauses that a word alternative can satisfy", () => {
    expect(phrases("thanks deliv*")).toEqual([]);
    expect(phrases("e-mai*")).toEqual([]);
    expect(phrases('thanks -"out of office"')).toEqual([]);
    expect(phrases('"see you" OR thanks')).toEqual([]);
  });
});
