-- conversations.last_inbound_at: the newest inbound message's sent_at, kept by the ingest
-- path (inbox_touch_conversation, the one place inbound messages are stored). "Unread for
-- this member" is then a comparison on the conversation row (last_inbound_at after the
-- member's read position) instead of a probe into messages per row: the Unread filter at
-- 100k conversations took 90–930 ms (bench:inbox) because the planner, unable to cost the
-- probe, scanned and probed every conversation of the tab.

ALTER TABLE "conversations" ADD COLUMN "last_inbound_at" TIMESTAMPTZ(3);

UPDATE conversations c SET last_inbound_at = m.at
FROM (SELECT conversation_id, max(sent_at) AS at FROM messages WHERE direction = 'inbound' GROUP BY conversation_id) m
WHERE m.conversation_id = c.id;

-- As in 20261202040000_sendblue_sync, plus last_inbound_at (moved forward only: a late,
-- older message never moves it back).
CREATE OR REPLACE FUNCTION "inbox_touch_conversation"(p_conversation_id integer, p_message_id integer, p_sent_at timestamptz, p_unread boolean)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations
  SET last_message_id = p_message_id,
      last_message_at = p_sent_at,
      last_activity_at = p_sent_at,
      last_inbound_at = CASE WHEN p_unread THEN greatest(last_inbound_at, p_sent_at) ELSE last_inbound_at END,
      unread_count = unread_count + CASE WHEN p_unread AND NOT inbox_sync_quiet() THEN 1 ELSE 0 END
  WHERE id = p_conversation_id AND (last_message_at IS NULL OR last_message_at <= p_sent_at);
  IF NOT FOUND AND p_unread THEN
    UPDATE conversations
    SET unread_count = unread_count + CASE WHEN inbox_sync_quiet() THEN 0 ELSE 1 END,
        last_inbound_at = greatest(last_inbound_at, p_sent_at)
    WHERE id = p_conversation_id;
  END IF;
END
$$;
