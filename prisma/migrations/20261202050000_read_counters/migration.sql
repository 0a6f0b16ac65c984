-- Running totals for the pages that show counts (Lines: messages and conversations per line,
-- refused webhooks; the media queue: attachments per state), so no read counts history:
-- /api/lines counted every message of every line on each load (2–3 s at 1 M messages).
--
-- A ledger and its balance. Triggers on the counted tables append signed deltas to
-- counter_deltas; appends never wait on each other, whereas one hot row per line would make
-- every two concurrent ingest batches (lib/webhooks/ingest-batcher.ts keeps two in flight)
-- queue behind each other's commit, or deadlock when they touch two lines in opposite
-- orders. inbox_fold_counters() moves the deltas into counters, one folder at a time (an
-- advisory lock it only tries, so nobody ever waits on it); every ingest batch calls it.
-- A reader adds counters and the unfolded deltas in one statement (one snapshot): the total
-- is exact at every moment, and costs O(keys + deltas not yet folded), not O(history).
--
-- Keys: 'line:<line id>:inbound' / ':outbound' (messages, by the conversation's line),
-- 'line:<line id>:conversations', 'media:<mirror state>', 'webhooks:unauthorized'.
-- Contract for writers: a message's conversation and direction, and a conversation's line,
-- may change (the triggers follow), but rows written with triggers disabled
-- (session_replication_role = replica) are not counted.

CREATE TABLE "counters" (
    "key" TEXT NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "counters_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "counter_deltas" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "delta" BIGINT NOT NULL,

    CONSTRAINT "counter_deltas_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION "inbox_fold_counters"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- 'inbx' 'cntr': any fixed number, shared by every folder.
  IF NOT pg_try_advisory_xact_lock(1768846450, 1668183154) THEN
    RETURN;
  END IF;
  WITH moved AS (DELETE FROM counter_deltas RETURNING key, delta)
  INSERT INTO counters (key, value)
  SELECT key, sum(delta) FROM moved GROUP BY key
  ON CONFLICT (key) DO UPDATE SET value = counters.value + excluded.value;
END
$$;

-- Messages: counted per line and direction through their conversation. Statement-level with
-- transition tables, so a bulk insert (COPY, a batch) appends one delta per key, not per row.
CREATE FUNCTION "counters_messages_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta)
  SELECT 'line:' || c.line_id || ':' || n.direction, count(*)
  FROM new_rows n JOIN conversations c ON c.id = n.conversation_id
  WHERE c.line_id IS NOT NULL
  GROUP BY c.line_id, n.direction;
  RETURN NULL;
END
$$;

-- A message deleted with its conversation finds no conversation here: the conversation's
-- own delete trigger has already taken its messages off.
CREATE FUNCTION "counters_messages_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta)
  SELECT 'line:' || c.line_id || ':' || o.direction, -count(*)
  FROM old_rows o JOIN conversations c ON c.id = o.conversation_id
  WHERE c.line_id IS NOT NULL
  GROUP BY c.line_id, o.direction;
  RETURN NULL;
END
$$;

CREATE FUNCTION "counters_message_moved"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta)
  SELECT 'line:' || c.line_id || ':' || OLD.direction, -1 FROM conversations c WHERE c.id = OLD.conversation_id AND c.line_id IS NOT NULL
  UNION ALL
  SELECT 'line:' || c.line_id || ':' || NEW.direction, 1 FROM conversations c WHERE c.id = NEW.conversation_id AND c.line_id IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "counters_messages_inserted" AFTER INSERT ON "messages"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_messages_inserted"();
CREATE TRIGGER "counters_messages_deleted" AFTER DELETE ON "messages"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_messages_deleted"();
-- Status updates (most writes to messages) touch neither column: the trigger does not fire.
CREATE TRIGGER "counters_message_moved" AFTER UPDATE OF "conversation_id", "direction" ON "messages"
FOR EACH ROW WHEN (OLD."conversation_id" IS DISTINCT FROM NEW."conversation_id" OR OLD."direction" IS DISTINCT FROM NEW."direction")
EXECUTE FUNCTION "counters_message_moved"();

-- Conversations: counted per line. Deleting one takes its messages off its line's counts
-- before the cascade removes them (see counters_messages_deleted).
CREATE FUNCTION "counters_conversation_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.line_id IS NOT NULL THEN
    INSERT INTO counter_deltas (key, delta)
    SELECT 'line:' || OLD.line_id || ':conversations', -1
    UNION ALL
    SELECT 'line:' || OLD.line_id || ':' || m.direction, -count(*)
    FROM messages m WHERE m.conversation_id = OLD.id GROUP BY m.direction;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.line_id IS NOT NULL THEN
    INSERT INTO counter_deltas (key, delta)
    SELECT 'line:' || NEW.line_id || ':conversations', 1
    UNION ALL
    SELECT 'line:' || NEW.line_id || ':' || m.direction, count(*)
    FROM messages m WHERE TG_OP = 'UPDATE' AND m.conversation_id = NEW.id GROUP BY m.direction;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD; -- a BEFORE DELETE trigger returning NULL would cancel the delete
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "counters_conversations_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta)
  SELECT 'line:' || line_id || ':conversations', count(*) FROM new_rows WHERE line_id IS NOT NULL GROUP BY line_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "counters_conversations_inserted" AFTER INSERT ON "conversations"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_conversations_inserted"();
CREATE TRIGGER "counters_conversation_deleted" BEFORE DELETE ON "conversations"
FOR EACH ROW EXECUTE FUNCTION "counters_conversation_changed"();
CREATE TRIGGER "counters_conversation_moved" AFTER UPDATE OF "line_id" ON "conversations"
FOR EACH ROW WHEN (OLD."line_id" IS DISTINCT FROM NEW."line_id")
EXECUTE FUNCTION "counters_conversation_changed"();

-- Attachments: counted per mirror state.
CREATE FUNCTION "counters_media_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta)
  SELECT 'media:' || mirror_state, count(*) FROM new_rows GROUP BY mirror_state;
  RETURN NULL;
END
$$;

CREATE FUNCTION "counters_media_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta)
  SELECT 'media:' || mirror_state, -count(*) FROM old_rows GROUP BY mirror_state;
  RETURN NULL;
END
$$;

CREATE FUNCTION "counters_media_state_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counter_deltas (key, delta) VALUES ('media:' || OLD.mirror_state, -1), ('media:' || NEW.mirror_state, 1);
  RETURN NULL;
END
$$;

CREATE TRIGGER "counters_media_inserted" AFTER INSERT ON "media_attachments"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_media_inserted"();
CREATE TRIGGER "counters_media_deleted" AFTER DELETE ON "media_attachments"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_media_deleted"();
CREATE TRIGGER "counters_media_state_changed" AFTER UPDATE OF "mirror_state" ON "media_attachments"
FOR EACH ROW WHEN (OLD."mirror_state" IS DISTINCT FROM NEW."mirror_state")
EXECUTE FUNCTION "counters_media_state_changed"();

-- Refused webhooks (wrong or missing secret). Row-level with WHEN: the condition is checked
-- without calling the function, so the webhooks that are not refused cost nothing.
CREATE FUNCTION "counters_webhook_refused"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.outcome = 'unauthorized' THEN
    INSERT INTO counter_deltas (key, delta) VALUES ('webhooks:unauthorized', -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.outcome = 'unauthorized' THEN
    INSERT INTO counter_deltas (key, delta) VALUES ('webhooks:unauthorized', 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "counters_webhook_refused_inserted" AFTER INSERT ON "webhook_events"
FOR EACH ROW WHEN (NEW."outcome" = 'unauthorized') EXECUTE FUNCTION "counters_webhook_refused"();
CREATE TRIGGER "counters_webhook_refused_changed" AFTER UPDATE OF "outcome" ON "webhook_events"
FOR EACH ROW WHEN ((OLD."outcome" = 'unauthorized') <> (NEW."outcome" = 'unauthorized'))
EXECUTE FUNCTION "counters_webhook_refused"();
CREATE TRIGGER "counters_webhook_refused_deleted" AFTER DELETE ON "webhook_events"
FOR EACH ROW WHEN (OLD."outcome" = 'unauthorized') EXECUTE FUNCTION "counters_webhook_refused"();

-- The history so far, counted once.
INSERT INTO counters (key, value)
SELECT 'line:' || c.line_id || ':' || m.direction, count(*)
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE c.line_id IS NOT NULL GROUP BY c.line_id, m.direction
UNION ALL
SELECT 'line:' || line_id || ':conversations', count(*) FROM conversations WHERE line_id IS NOT NULL GROUP BY line_id
UNION ALL
SELECT 'media:' || mirror_state, count(*) FROM media_attachments GROUP BY mirror_state
UNION ALL
SELECT 'webhooks:unauthorized', count(*) FROM webhook_events WHERE outcome = 'unauthorized';

-- The batch ingest function of 20261130000000_ingest_functions, unchanged but for the fold
-- at its end: each batch folds the deltas committed before it, so they never pile up.
CREATE OR REPLACE FUNCTION "inbox_ingest_message_webhooks"(p_items jsonb, p_bodies bytea[])
RETURNS TABLE (outcome text, event_id integer, has_media boolean, error_state text, error_message text)
LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
  v_index integer := 0;
BEGIN
  FOR v_item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
    v_index := v_index + 1;
    outcome := NULL;
    event_id := NULL;
    has_media := false;
    error_state := NULL;
    error_message := NULL;
    BEGIN
      SELECT w.outcome, w.event_id, w.has_media INTO outcome, event_id, has_media
      FROM inbox_ingest_message_webhook(v_item ->> 'source', v_item -> 'message', nullif(v_item -> 'event', 'null'),
                                        p_bodies[v_index], (v_item ->> 'event_id')::integer) w;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS error_state = RETURNED_SQLSTATE, error_message = MESSAGE_TEXT;
    END;
    RETURN NEXT;
  END LOOP;
  -- Counting is bookkeeping: a failure here must not fail the batch (the deltas stay for
  -- the next fold).
  BEGIN
    PERFORM inbox_fold_counters();
  EXCEPTION WHEN OTHERS THEN
    NULL;
  END;
END
$$;
