-- Search finds word forms and attachments (issue 18): "refund" finds "refunds" and
-- "refunded", and a message is found by its attachments' file names and contact-card names.
-- Hand-written (functions and triggers); schema.prisma is unchanged but for a comment.
--
-- search_vector keeps every lexeme it had ('simple' words, unaccented, with positions: exact
-- words, phrases and prefixes match exactly as before) and gains, without positions, the
-- English stem of each word whose stem is not itself one of the message's words, marked
-- with "§" ('§refund' for "refunds"). The simple parser never makes a lexeme holding "§", so
-- the two never meet; without positions the stems take no part in phrases (<->) or in
-- search_pairs. A query word w with stem s asks for 'w' | 's' | '§s' (lib/search).
--
-- Rows stored before this migration get theirs from a background task (see
-- 20261202080000_background_tasks), not here: rewriting every message would hold the
-- server ~5 minutes per million messages before it serves. Search leaves stems out of its
-- queries until that task is done, so results never depend on how far it got.

-- The text of a message's attachments that search should know: file names, and a contact
-- card's name and organisation.
CREATE FUNCTION "search_media_text"(p_message_id integer) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE STRICT
AS $$
  SELECT string_agg(concat_ws(' ', a.file_name, a.card ->> 'name', a.card ->> 'organization'), ' ')
  FROM media_attachments a WHERE a.message_id = p_message_id
$$;

-- The stored vector of a message. File names are indexed as written ("invoice-2.pdf") and
-- split into their words ("invoice", "2", "pdf"), so either way of typing one finds it.
-- PL/pgSQL with plain expressions (no subqueries): the same as one SQL function with CTEs
-- cost three times as much per row, and every stored message runs it.
CREATE FUNCTION "search_document"(p_content text, p_media text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  v_content text := search_unaccent(coalesce(p_content, ''));
  v_media text := search_unaccent(coalesce(p_media, ''));
  v_split text := CASE WHEN v_media = '' THEN '' ELSE regexp_replace(v_media, '[^[:alnum:]]+', ' ', 'g') END;
  v_words tsvector := to_tsvector('simple', v_content);
  v_stems text[];
BEGIN
  IF v_media <> '' THEN
    v_words := v_words || to_tsvector('simple', v_media || ' ' || v_split);
  END IF;
  -- English lexemes that are not already words of the message, each marked with "§"
  -- (joined on \x01, which the parser never keeps in a lexeme).
  v_stems := tsvector_to_array(ts_delete(to_tsvector('english', v_content || ' ' || v_split), tsvector_to_array(v_words)));
  IF cardinality(v_stems) = 0 THEN
    RETURN v_words;
  END IF;
  RETURN v_words || array_to_tsvector(string_to_array('§' || array_to_string(v_stems, E'\x01§'), E'\x01'));
END
$$;

-- A query word: itself, its English stem as a word, and the stem's marked lexeme, as a
-- tsquery ("refunds" → 'refunds' | 'refund' | '§refund'); a stop word ("the") is itself
-- only. Lexemes are quoted, so no word is tsquery syntax; IMMUTABLE, so a query over a bound
-- word folds into a constant the planner estimates from.
CREATE FUNCTION "search_word_query"(p_word text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  WITH w AS (SELECT search_unaccent(p_word) AS w),
  forms AS (
    SELECT unnest(tsvector_to_array(to_tsvector('simple', w.w))) AS f FROM w
    UNION
    SELECT f FROM w, unnest(tsvector_to_array(to_tsvector('english', w.w))) e, LATERAL (VALUES (e), ('§' || e)) v(f)
  )
  SELECT string_agg('''' || replace(replace(f, '\', '\\'), '''', '''''') || '''', ' | ' ORDER BY f)::tsquery FROM forms
$$;

-- On INSERT a message has no attachment rows yet (they reference it): media_attachments'
-- trigger below adds their names when they arrive.
CREATE OR REPLACE FUNCTION "messages_search_vector_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := search_document(NEW.content, CASE WHEN TG_OP = 'UPDATE' THEN search_media_text(NEW.id) END);
  NEW.search_pairs := search_pairs(NEW.search_vector);
  RETURN NEW;
END
$$;

CREATE FUNCTION "media_attachments_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_message_id integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.message_id ELSE NEW.message_id END;
BEGIN
  UPDATE messages m SET (search_vector, search_pairs) =
    (SELECT d, search_pairs(d) FROM search_document(m.content, search_media_text(m.id)) d)
  WHERE m.id = v_message_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "media_attachments_search_insert"
AFTER INSERT ON "media_attachments"
FOR EACH ROW WHEN (NEW.file_name IS NOT NULL OR NEW.card IS NOT NULL)
EXECUTE FUNCTION "media_attachments_search_update"();

-- The mirror worker updates attachment rows often; only a new name or card changes search.
CREATE TRIGGER "media_attachments_search_update"
AFTER UPDATE OF "file_name", "card" ON "media_attachments"
FOR EACH ROW WHEN (OLD.file_name IS DISTINCT FROM NEW.file_name OR OLD.card IS DISTINCT FROM NEW.card)
EXECUTE FUNCTION "media_attachments_search_update"();

CREATE TRIGGER "media_attachments_search_delete"
AFTER DELETE ON "media_attachments"
FOR EACH ROW WHEN (OLD.file_name IS NOT NULL OR OLD.card IS NOT NULL)
EXECUTE FUNCTION "media_attachments_search_update"();

-- Messages stored before this migration, in the background. The upper bound is read when
-- the task starts, after this transaction committed: every message with a higher id was
-- stored by the new trigger. A row whose vector would not change is not rewritten.
INSERT INTO "background_tasks" ("name", "description", "kind", "statement", "upper_bound_sql")
VALUES (
  'search_stems_backfill',
  'Search: English word forms and attachment names for the messages stored before this upgrade',
  'batches',
  $task$
  UPDATE messages m
  SET search_vector = d.v,
      search_pairs = CASE WHEN d.media IS NULL THEN m.search_pairs ELSE search_pairs(d.v) END
  FROM (
    SELECT s.id, search_document(s.content, x.media) AS v, x.media
    FROM messages s, LATERAL (SELECT search_media_text(s.id) AS media) x
    WHERE s.id > $1 AND s.id <= $2
  ) d
  WHERE m.id = d.id AND m.search_vector IS DISTINCT FROM d.v
  $task$,
  $task$SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('messages', 'id')), 0)$task$
);
