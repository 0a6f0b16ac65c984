import { Prisma } from "@/lib/generated/prisma/client";
import { termTsquery, type Clause, type Term } from "./parse-query";

// The tsquery of a parsed query as one SQL expression of immutable calls on bound values, so
// it folds into a constant at planning. Each term is its own tsquery, combined with && || !!.
// With `wordForms`, a plain word (not a phrase or prefix) also matches its English forms
// through search_word_query ("refund" finds "refunds", "refunded"; see the search_stems
// migration). Phrases and prefixes stay exact.

export function tsquerySql(clauses: Clause[], wordForms: boolean): Prisma.Sql {
  const term = (t: Term) =>
    wordForms && t.kind === "word" && !t.prefix
      ? Prisma.sql`search_word_query(${t.text})`
      : Prisma.sql`to_tsquery('simple', search_unaccent(${termTsquery(t)}))`;
  return Prisma.join(
    clauses.map((c) => {
      const any = c.anyOf.length === 1 ? term(c.anyOf[0]!) : Prisma.sql`(${Prisma.join(c.anyOf.map(term), " || ")})`;
      return c.negated ? Prisma.sql`(!! ${any})` : any;
    }),
    " && ",
  );
}
