-- A retried reply is the same message sent again under Sendblue's new handle, so its status
-- callbacks (SENT, ERROR…) repeat statuses its first attempt already recorded. The history
-- keeps one row per status (message_id, status), and 20261202040000_sendblue_sync's function
-- took such a repeat for a duplicate webhook and stopped before updating the message: a
-- retried reply stayed QUEUED for good. Now a status that ranks above the message's current
-- one is applied (and announced) even when the history already holds it; a true duplicate
-- still changes nothing, since the message has that rank already. Otherwise unchanged.
CREATE OR REPLACE FUNCTION "inbox_ingest_message"(p_source text, p_message jsonb, OUT duplicate boolean, OUT has_media boolean)
LANGUAGE plpgsql AS $$
DECLARE
  m messages%ROWTYPE := jsonb_populate_record(NULL::messages, p_message);
  v_line_number text := p_message ->> 'line_number';
  v_contact_number text := p_message ->> 'contact_number';
  v_group_id text := p_message ->> 'group_id';
  v_group_name text := p_message ->> 'group_name';
  v_opted_out boolean := (p_message ->> 'opted_out')::boolean;
  v_conversation_id integer;
  v_message_id integer;
  v_created boolean;
  v_count integer;
  v_recorded integer;
BEGIN
  has_media := false;
  IF p_source = 'status' THEN
    -- Most status updates are for a message we already hold: its conversation is known,
    -- so only the contact's opt-out flag (and a group's new name) can still change.
    SELECT id, conversation_id INTO v_message_id, v_conversation_id FROM messages WHERE handle = m.handle;
  END IF;
  IF v_message_id IS NOT NULL AND NOT (coalesce(v_group_id, '') <> '' AND coalesce(v_group_name, '') <> '') THEN
    IF coalesce(v_contact_number, '') <> '' AND v_opted_out IS NOT NULL THEN
      PERFORM inbox_upsert_contact(v_contact_number, v_opted_out);
    END IF;
    v_created := false;
  ELSE
    SELECT c.conversation_id INTO v_conversation_id
    FROM inbox_upsert_conversation(v_line_number, v_contact_number, v_group_id, v_group_name,
      ARRAY(SELECT jsonb_array_elements_text(coalesce(p_message -> 'participants', '[]'))), v_opted_out) c;
    SELECT s.message_id, s.created, s.has_media INTO v_message_id, v_created, has_media
    FROM inbox_store_message(v_conversation_id, p_message) s;
  END IF;

  -- A receive, a reaction (no message id) or a message the status itself created is done.
  IF p_source <> 'status' OR v_message_id IS NULL OR v_created THEN
    duplicate := NOT v_created;
    RETURN;
  END IF;

  INSERT INTO message_status_events (message_id, status, error_code, error_message, occurred_at)
  VALUES (v_message_id, m.status, m.error_code, m.error_message,
          coalesce(m.source_updated_at, (p_message ->> 'received_at')::timestamptz))
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS v_recorded = ROW_COUNT;

  UPDATE messages
  SET status = m.status,
      status_rank = m.status_rank,
      error_code = m.error_code,
      error_message = m.error_message,
      error_reason = m.error_reason,
      error_detail = m.error_detail,
      service = coalesce(m.service, service),
      was_downgraded = coalesce(m.was_downgraded, was_downgraded),
      source_updated_at = m.source_updated_at,
      updated_at = now()
  WHERE id = v_message_id AND status_rank < m.status_rank;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  IF v_recorded = 0 AND v_count = 0 THEN
    duplicate := true;
    RETURN;
  END IF;
  duplicate := false;
  PERFORM inbox_notify(v_conversation_id, json_build_object('type', 'status', 'conversationId', v_conversation_id,
    'handle', m.handle, 'status', CASE WHEN v_count > 0 THEN m.status ELSE 'history' END)::text);
END
$$;
