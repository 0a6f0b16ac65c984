-- Search finds a group by its display name, accents and case ignored, through a trigram
-- index, the way contacts are found by name (20261129220000_search).
ALTER TABLE "conversations" ADD COLUMN "search_name" TEXT;

CREATE FUNCTION "conversations_search_name_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_name := nullif(lower(search_unaccent(NEW.display_name)), '');
  RETURN NEW;
END
$$;

-- Two triggers, each with a WHEN, so that the conversation upsert every message makes calls
-- no function unless the name really is new.
CREATE TRIGGER "conversations_search_name_insert"
BEFORE INSERT ON "conversations"
FOR EACH ROW WHEN (NEW.display_name IS NOT NULL)
EXECUTE FUNCTION "conversations_search_name_update"();

CREATE TRIGGER "conversations_search_name_update"
BEFORE UPDATE OF "display_name" ON "conversations"
FOR EACH ROW WHEN (NEW.display_name IS DISTINCT FROM OLD.display_name)
EXECUTE FUNCTION "conversations_search_name_update"();

UPDATE "conversations" SET "search_name" = nullif(lower(search_unaccent("display_name")), '')
WHERE "display_name" IS NOT NULL;

CREATE INDEX "conversations_search_name_trgm_idx" ON "conversations" USING GIN ("search_name" gin_trgm_ops);
