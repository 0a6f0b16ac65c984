-- Imported history does not flood the inbox (issue 12): a conversation an import creates
-- starts Done, unless its last message is inbound and less than a week old.
--
-- While the import runs: a conversation created in quiet mode (inbox.sync_quiet) starts
-- 'done', its state dated a week back, so an imported inbound message from the last week is
-- "newer than the state" and reopens it (inbox_reopen_on_inbound), silently in quiet mode (no
-- "Reopened by a new message" line for history). When the import ends,
-- inbox_settle_imported_states() sets each conversation it created and no member has touched
-- by its last message, which also closes one whose recent inbound message was answered.

CREATE FUNCTION "inbox_imported_starts_done"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF inbox_sync_quiet() THEN
    NEW.state := 'done';
    NEW.state_changed_at := now() - interval '7 days';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "conversations_imported_start_done" BEFORE INSERT ON "conversations"
FOR EACH ROW EXECUTE FUNCTION "inbox_imported_starts_done"();

-- 20261202130000_conversation_workflow's function, but for quiet imports: no trail line and
-- no "activity" event for a reopen that is history settling, not a message arriving.
CREATE OR REPLACE FUNCTION "inbox_reopen_on_inbound"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_state "ConversationState";
  v_changed timestamptz;
BEGIN
  -- Most conversations are open: they are left alone without taking the row lock.
  IF NOT EXISTS (SELECT 1 FROM conversations WHERE id = NEW.conversation_id AND state <> 'open') THEN
    RETURN NULL;
  END IF;
  SELECT state, state_changed_at INTO v_state, v_changed FROM conversations WHERE id = NEW.conversation_id FOR UPDATE;
  IF v_state IS NULL OR v_state = 'open' OR NEW.sent_at < v_changed THEN
    RETURN NULL;
  END IF;
  UPDATE conversations SET state = 'open', snoozed_until = NULL, state_changed_at = now() WHERE id = NEW.conversation_id;
  IF inbox_sync_quiet() THEN
    RETURN NULL;
  END IF;
  INSERT INTO conversation_activity (conversation_id, actor_id, actor_name, kind, data)
  VALUES (NEW.conversation_id, NULL, NULL, 'state', jsonb_build_object('from', v_state::text, 'to', 'open', 'reason', 'new_message'));
  PERFORM inbox_notify(NEW.conversation_id, json_build_object('type', 'activity', 'conversationId', NEW.conversation_id)::text);
  RETURN NULL;
END
$$;

-- At the end of an import: the conversations created since p_since that no member has acted
-- on (no trail line with an actor) and that are not snoozed take the state their last
-- message gives them. Returns how many changed.
CREATE FUNCTION "inbox_settle_imported_states"(p_since timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_count integer;
BEGIN
  UPDATE conversations c
  SET state = t.state, state_changed_at = now()
  FROM (
    SELECT c2.id,
           CASE WHEN m.direction = 'inbound' AND m.sent_at > now() - interval '7 days'
                THEN 'open'::"ConversationState" ELSE 'done'::"ConversationState" END AS state
    FROM conversations c2
    JOIN messages m ON m.id = c2.last_message_id
    WHERE c2.created_at >= p_since AND c2.state <> 'snoozed'
      AND NOT EXISTS (SELECT 1 FROM conversation_activity a WHERE a.conversation_id = c2.id AND a.actor_id IS NOT NULL)
  ) t
  WHERE c.id = t.id AND c.state <> t.state;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;
