-- response_waits: the first-response time's waits (lib/insights/first-response.ts), one row per
-- customer message that starts one, kept by triggers on messages so the Insights page reads
-- ~30,000 small rows for 90 days instead of a window pass over every message of the range
-- (254 ms p95 at 1 M messages, bench:insights). A wait starts at an inbound message whose
-- previous message in the conversation (by sent_at, id) is outbound, or more than
-- 7 days older, or none; replied_at is the first later outbound message's sent_at (NULL:
-- unanswered yet). Each row is a function of the messages around it, and the triggers
-- recompute the rows a change can touch from the messages themselves, so a replayed webhook
-- (no insert), an import writing history in any order, or a message arriving late all leave
-- the same rows as computing them from scratch.
CREATE TABLE "response_waits" (
  "message_id" INTEGER NOT NULL,
  "conversation_id" INTEGER NOT NULL,
  "started_at" TIMESTAMPTZ(3) NOT NULL,
  "replied_at" TIMESTAMPTZ(3),
  CONSTRAINT "response_waits_pkey" PRIMARY KEY ("message_id")
);
-- The page's range scan reads the index alone; the triggers find a conversation's waits.
CREATE INDEX "response_waits_started_at_conversation_id_replied_at_idx" ON "response_waits" ("started_at", "conversation_id", "replied_at");
CREATE INDEX "response_waits_conversation_id_started_at_idx" ON "response_waits" ("conversation_id", "started_at");

-- Makes inbound message p_id's row what the messages say now: a wait (with its reply) or none.
CREATE FUNCTION "inbox_response_wait_refresh"(p_id integer, p_conversation_id integer, p_sent_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_previous record;
  v_reply timestamptz;
BEGIN
  SELECT p.direction, p.sent_at INTO v_previous FROM messages p
  WHERE p.conversation_id = p_conversation_id AND (p.sent_at, p.id) < (p_sent_at, p_id)
  ORDER BY p.sent_at DESC, p.id DESC LIMIT 1;
  IF FOUND AND v_previous.direction = 'inbound' AND p_sent_at - v_previous.sent_at <= interval '7 days' THEN
    -- Part of a burst: it waits for the same reply as the message that started it.
    DELETE FROM response_waits WHERE message_id = p_id;
    RETURN;
  END IF;
  SELECT r.sent_at INTO v_reply FROM messages r
  WHERE r.conversation_id = p_conversation_id AND (r.sent_at, r.id) > (p_sent_at, p_id) AND r.direction = 'outbound'
  ORDER BY r.sent_at, r.id LIMIT 1;
  INSERT INTO response_waits (message_id, conversation_id, started_at, replied_at)
  VALUES (p_id, p_conversation_id, p_sent_at, v_reply)
  ON CONFLICT (message_id) DO UPDATE SET replied_at = EXCLUDED.replied_at
  WHERE response_waits.replied_at IS DISTINCT FROM EXCLUDED.replied_at;
END
$$;

-- The message after (p_sent_at, p_id) has a new previous message: its row may change.
CREATE FUNCTION "inbox_response_wait_refresh_next"(p_id integer, p_conversation_id integer, p_sent_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_next record;
BEGIN
  SELECT n.id, n.direction, n.sent_at INTO v_next FROM messages n
  WHERE n.conversation_id = p_conversation_id AND (n.sent_at, n.id) > (p_sent_at, p_id)
  ORDER BY n.sent_at, n.id LIMIT 1;
  IF FOUND AND v_next.direction = 'inbound' THEN
    PERFORM inbox_response_wait_refresh(v_next.id, p_conversation_id, v_next.sent_at);
  END IF;
END
$$;

-- Serialises the waits' upkeep per conversation: two transactions storing messages of one
-- conversation at once would each miss the other's message (an inbound message stored
-- beside its reply would stay unanswered). The lock is the one inbox_touch_conversation's
-- UPDATE takes moments later anyway; each statement after it reads what the other committed.
CREATE FUNCTION "inbox_response_waits_lock"(p_conversation_id integer)
RETURNS void LANGUAGE sql AS $$
  SELECT 1 FROM conversations WHERE id = p_conversation_id FOR NO KEY UPDATE
$$;

CREATE FUNCTION "inbox_response_waits_added"(p_id integer, p_conversation_id integer, p_direction "Direction", p_sent_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inbox_response_waits_lock(p_conversation_id);
  IF p_direction = 'inbound' THEN
    PERFORM inbox_response_wait_refresh(p_id, p_conversation_id, p_sent_at);
  ELSE
    -- The reply of every earlier wait not answered before it. Waits before the previous
    -- outbound message were answered by that one at the latest: the bound keeps this to the
    -- last exchange's rows.
    UPDATE response_waits w SET replied_at = p_sent_at
    WHERE w.conversation_id = p_conversation_id
      AND w.started_at >= coalesce((
            SELECT o.sent_at FROM messages o
            WHERE o.conversation_id = p_conversation_id AND (o.sent_at, o.id) < (p_sent_at, p_id) AND o.direction = 'outbound'
            ORDER BY o.sent_at DESC, o.id DESC LIMIT 1), '-infinity')
      AND (w.started_at, w.message_id) < (p_sent_at, p_id)
      AND (w.replied_at IS NULL OR w.replied_at > p_sent_at);
  END IF;
  PERFORM inbox_response_wait_refresh_next(p_id, p_conversation_id, p_sent_at);
END
$$;

CREATE FUNCTION "inbox_response_waits_removed"(p_id integer, p_conversation_id integer, p_direction "Direction", p_sent_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inbox_response_waits_lock(p_conversation_id);
  DELETE FROM response_waits WHERE message_id = p_id;
  IF p_direction = 'outbound' THEN
    -- The waits it answered are answered by the next outbound message, if any.
    UPDATE response_waits w SET replied_at = (
      SELECT r.sent_at FROM messages r
      WHERE r.conversation_id = w.conversation_id AND (r.sent_at, r.id) > (w.started_at, w.message_id) AND r.direction = 'outbound'
      ORDER BY r.sent_at, r.id LIMIT 1)
    WHERE w.conversation_id = p_conversation_id AND w.started_at <= p_sent_at AND w.replied_at = p_sent_at;
  END IF;
  PERFORM inbox_response_wait_refresh_next(p_id, p_conversation_id, p_sent_at);
END
$$;

CREATE FUNCTION "inbox_response_waits_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM inbox_response_waits_removed(OLD.id, OLD.conversation_id, OLD.direction, OLD.sent_at);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM inbox_response_waits_added(NEW.id, NEW.conversation_id, NEW.direction, NEW.sent_at);
  END IF;
  RETURN NULL;
END
$$;

-- After the statement's rows are all in (an import's batch, a COPY): each call reads the
-- messages as they are then, so the order rows arrive in does not matter.
CREATE TRIGGER "messages_response_waits_insert" AFTER INSERT OR DELETE ON "messages"
  FOR EACH ROW EXECUTE FUNCTION inbox_response_waits_trigger();
CREATE TRIGGER "messages_response_waits_update" AFTER UPDATE OF "conversation_id", "direction", "sent_at" ON "messages"
  FOR EACH ROW WHEN (OLD.conversation_id IS DISTINCT FROM NEW.conversation_id OR OLD.direction IS DISTINCT FROM NEW.direction
                     OR OLD.sent_at IS DISTINCT FROM NEW.sent_at)
  EXECUTE FUNCTION inbox_response_waits_trigger();

-- The waits of conversations (p_from, p_to], from scratch under their locks (a message
-- stored meanwhile waits for the batch, then corrects the rows it touches).
CREATE FUNCTION "inbox_response_waits_backfill"(p_from integer, p_to integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_count integer;
BEGIN
  PERFORM 1 FROM conversations WHERE id > p_from AND id <= p_to ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM response_waits WHERE conversation_id > p_from AND conversation_id <= p_to;
  INSERT INTO response_waits (message_id, conversation_id, started_at, replied_at)
  SELECT w.id, w.conversation_id, w.sent_at, w.reply_at
  FROM (
    SELECT m.id, m.conversation_id, m.sent_at, m.direction,
           lead(m.direction) OVER d AS previous,
           lead(m.sent_at) OVER d AS previous_at,
           min(m.sent_at) FILTER (WHERE m.direction = 'outbound') OVER d AS reply_at
    FROM messages m
    WHERE m.conversation_id > p_from AND m.conversation_id <= p_to
    WINDOW d AS (PARTITION BY m.conversation_id ORDER BY m.sent_at DESC, m.id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  ) w
  WHERE w.direction = 'inbound'
    AND (w.previous IS DISTINCT FROM 'inbound' OR w.sent_at - w.previous_at > interval '7 days');
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;

-- The conversations stored before this migration, in id batches while the server serves
-- (lib/db/background-tasks.ts; a small install is done by the migration run itself). Until
-- it is done, the page computes first-response time from the messages, as before.
INSERT INTO "background_tasks" ("name", "description", "kind", "statement", "upper_bound_sql")
VALUES (
  'response_waits_backfill',
  'Insights: the first-response waits of the conversations stored before this upgrade',
  'batches',
  $task$SELECT inbox_response_waits_backfill($1, $2)$task$,
  $task$SELECT coalesce(max(id), 0) FROM conversations$task$
);
