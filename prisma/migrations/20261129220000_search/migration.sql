-- Search (issue 4). Extensions, trigger functions, the backfill and the GIN storage
-- parameter are hand-added: Prisma's schema language cannot express them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "search_name" TEXT;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "search_vector" tsvector;

-- CreateIndex
CREATE INDEX "contacts_number_trgm_idx" ON "contacts" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "contacts_search_name_trgm_idx" ON "contacts" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "conversation_participants_number_trgm_idx" ON "conversation_participants" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "messages_sent_at_id_idx" ON "messages"("sent_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");

-- Steady webhook inserts would otherwise pile up in the GIN pending list and stall the one
-- insert (or search) that has to merge it, updating the index in place keeps latency flat.
ALTER INDEX "messages_search_vector_idx" SET (fastupdate = off);

-- unaccent() is only STABLE, so a query's `to_tsquery('simple', unaccent($1))` would be
-- re-evaluated for every row a plan filters and could not be folded into a constant the
-- planner estimates selectivity from. Declaring the wrapper IMMUTABLE (the rules file does
-- not change under a running database) fixes both.
CREATE FUNCTION "search_unaccent"(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The stored vector is computed in the row's own INSERT, so a message is searchable as soon
-- as the webhook that stored it is acknowledged. 'simple' config: no stemming or stop
-- words, so SMS in any language is indexed as written (minus accents and case).
CREATE FUNCTION "messages_search_vector_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := to_tsvector('simple', search_unaccent(coalesce(NEW.content, '')));
  RETURN NEW;
END
$$;

CREATE TRIGGER "messages_search_vector_trigger"
BEFORE INSERT OR UPDATE OF "content" ON "messages"
FOR EACH ROW EXECUTE FUNCTION "messages_search_vector_update"();

CREATE FUNCTION "contacts_search_name_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_name := nullif(lower(search_unaccent(concat_ws(' ', NEW.first_name, NEW.last_name, NEW.company_name))), '');
  RETURN NEW;
END
$$;

CREATE TRIGGER "contacts_search_name_trigger"
BEFORE INSERT OR UPDATE OF "first_name", "last_name", "company_name" ON "contacts"
FOR EACH ROW EXECUTE FUNCTION "contacts_search_name_update"();

-- Rows stored before this migration.
UPDATE "messages" SET "search_vector" = to_tsvector('simple', search_unaccent("content"));
UPDATE "contacts" SET "search_name" = nullif(lower(search_unaccent(concat_ws(' ', "first_name", "last_name", "company_name"))), '');
