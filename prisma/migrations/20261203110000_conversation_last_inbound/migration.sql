-- conversations.last_inbound_at: the newest inbound message's sent_at ('-infinity' when there
-- is none; NULL while not yet known), kept by the ingest path (inbox_touch_conversation, the
-- one place inbound messages are stored). "Unread for this member" is then a comparison on
-- the conversation row (last_inbound_at after the member's read position) instead of a
-- probe into messages per row: the Unread filter at 100k conversations took 90–930 ms
-- (bench:inbox) because the planner, unable to cost the probe, scanned and probed every
-- conversation of the tab.
--
-- Added without a default, so the rows already here read NULL ("not known yet": readers
-- fall back to the probe) until the background task below fills them, while the server
-- serves; rows created from now on start at '-infinity' (known: no inbound message yet).
ALTER TABLE "conversations" ADD COLUMN "last_inbound_at" TIMESTAMPTZ(3);
ALTER TABLE "conversations" ALTER COLUMN "last_inbound_at" SET DEFAULT '-infinity';

CREATE FUNCTION "inbox_newest_inbound"(p_conversation_id integer) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce((SELECT m.sent_at FROM messages m WHERE m.conversation_id = p_conversation_id AND m.direction = 'inbound'
                   ORDER BY m.sent_at DESC LIMIT 1), '-infinity');
END
$$;

-- As in 20261202040000_sendblue_sync, plus last_inbound_at: moved forward only (a late,
-- older message never moves it back); a row the backfill has not reached yet reads its
-- messages once (this one included), and the backfill then passes it by.
CREATE OR REPLACE FUNCTION "inbox_touch_conversation"(p_conversation_id integer, p_message_id integer, p_sent_at timestamptz, p_unread boolean)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations
  SET last_message_id = p_message_id,
      last_message_at = p_sent_at,
      last_activity_at = p_sent_at,
      last_inbound_at = CASE WHEN NOT p_unread THEN last_inbound_at
                             WHEN last_inbound_at IS NULL THEN inbox_newest_inbound(p_conversation_id)
                             ELSE greatest(last_inbound_at, p_sent_at) END,
      unread_count = unread_count + CASE WHEN p_unread AND NOT inbox_sync_quiet() THEN 1 ELSE 0 END
  WHERE id = p_conversation_id AND (last_message_at IS NULL OR last_message_at <= p_sent_at);
  IF NOT FOUND AND p_unread THEN
    UPDATE conversations
    SET unread_count = unread_count + CASE WHEN inbox_sync_quiet() THEN 0 ELSE 1 END,
        last_inbound_at = CASE WHEN last_inbound_at IS NULL THEN inbox_newest_inbound(p_conversation_id)
                               ELSE greatest(last_inbound_at, p_sent_at) END
    WHERE id = p_conversation_id;
  END IF;
END
$$;

-- The conversations stored before this migration, in id batches while the server serves
-- (lib/db/background-tasks.ts; a small install is done by the migration run itself).
INSERT INTO "background_tasks" ("name", "description", "kind", "statement", "upper_bound_sql")
VALUES (
  'conversation_last_inbound_backfill',
  'Inbox: the newest inbound message of each conversation stored before this upgrade (the Unread filter)',
  'batches',
  $task$
  UPDATE conversations c
  SET last_inbound_at = inbox_newest_inbound(c.id)
  WHERE c.id > $1 AND c.id <= $2 AND c.last_inbound_at IS NULL
  $task$,
  $task$SELECT coalesce(max(id), 0) FROM conversations$task$
);
