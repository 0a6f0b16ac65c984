-- Phrase search (issue 4). A phrase of common words that seldom stand side by side ("let me
-- know") made the GIN index over single words hand every message holding all of them to the
-- phrase check: thousands of heap rows for a handful of hits. search_pairs holds each pair of
-- adjacent words ("let me", "me know") so a phrase first needs all of its pairs, which only
-- the messages with the words side by side have. The functions, trigger change, backfill and
-- GIN storage parameter are hand-added: Prisma's schema language cannot express them.

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "search_pairs" tsvector;

-- The pairs are read off the stored vector's positions, not from the text, so they are
-- exactly what the phrase operator (<->) compares: a lexeme at p followed by one at p + 1.
-- That keeps "has every pair" a necessary condition of "matches the phrase" whatever the
-- parser made of the text (hyphenated words, hosts, positions capped at 16383).
-- array_to_tsvector sorts and drops duplicate pairs.
CREATE FUNCTION "search_pairs"(tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  WITH t AS (SELECT p, u.lexeme FROM unnest($1) u, unnest(u.positions) p)
  SELECT array_to_tsvector(coalesce(array_agg(a.lexeme || ' ' || b.lexeme), '{}'))
  FROM t a JOIN t b ON b.p = a.p + 1
$$;

-- The pairs a phrase needs, as a tsquery AND-ing them; NULL when it has none (one word), so
-- the caller can leave the condition out. Lexemes are quoted, so no text is tsquery syntax.
-- IMMUTABLE: called on a bound parameter it folds into a constant the planner estimates from.
CREATE FUNCTION "search_phrase_pairs"(text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT string_agg('''' || replace(replace(pair, '\', '\\'), '''', '''''') || '''', ' & ')::tsquery
  FROM unnest(tsvector_to_array(search_pairs(to_tsvector('simple', search_unaccent($1))))) pair
$$;

-- Same trigger, now keeping both columns in the row's own INSERT.
CREATE OR REPLACE FUNCTION "messages_search_vector_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := to_tsvector('simple', search_unaccent(coalesce(NEW.content, '')));
  NEW.search_pairs := search_pairs(NEW.search_vector);
  RETURN NEW;
END
$$;

-- Rows stored before this migration; the index is built after, in one pass.
UPDATE "messages" SET "search_pairs" = search_pairs("search_vector") WHERE "search_vector" IS NOT NULL;

-- CreateIndex
CREATE INDEX "messages_search_pairs_idx" ON "messages" USING GIN ("search_pairs");

-- As for messages_search_vector_idx: steady inserts must not pile up in a pending list.
ALTER INDEX "messages_search_pairs_idx" SET (fastupdate = off);
