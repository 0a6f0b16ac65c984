-- Webhook ingestion as stored functions, so that storing a message or a status update,
-- with its raw request row and its NOTIFY, is one round trip and one implicit transaction.
-- Through Prisma's client the same work cost ~12 ms of Node CPU per webhook (7–8 statements
-- inside an interactive transaction), which capped a 2-core host at ~90 webhooks/s.
-- Prisma's schema language cannot express functions, so this migration is hand-written and
-- `schema.prisma` is unchanged. Every write is an INSERT … ON CONFLICT or a guarded UPDATE:
-- concurrent webhooks for the same new contact or message converge instead of racing.

-- A line by number, created on first sight. Read first: after its first webhook a line
-- always exists, and a plain SELECT takes no row lock that would serialize a busy line.
CREATE FUNCTION "inbox_upsert_line"(p_number text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
BEGIN
  SELECT id INTO v_id FROM lines WHERE number = p_number;
  IF v_id IS NULL THEN
    INSERT INTO lines (number) VALUES (p_number) ON CONFLICT DO NOTHING;
    SELECT id INTO v_id FROM lines WHERE number = p_number;
  END IF;
  RETURN v_id;
END
$$;

-- Creates the contact, or records a changed opt-out; an unchanged one writes nothing.
-- p_opted_out NULL means the webhook did not say.
CREATE FUNCTION "inbox_upsert_contact"(p_number text, p_opted_out boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_opted_out boolean;
  v_created integer;
BEGIN
  SELECT opted_out INTO v_opted_out FROM contacts WHERE number = p_number;
  IF FOUND AND (p_opted_out IS NULL OR v_opted_out = p_opted_out) THEN
    RETURN;
  END IF;
  IF NOT FOUND THEN
    INSERT INTO contacts (number, opted_out) VALUES (p_number, coalesce(p_opted_out, false)) ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_created = ROW_COUNT;
    IF v_created = 1 OR p_opted_out IS NULL THEN
      RETURN;
    END IF;
  END IF;
  UPDATE contacts SET opted_out = p_opted_out, updated_at = now()
  WHERE number = p_number AND opted_out <> p_opted_out;
END
$$;

-- The conversation a webhook belongs to: 1:1 keyed by line + contact number, groups by
-- group_id (with their participants and display name).
CREATE FUNCTION "inbox_upsert_conversation"(
  p_line_number text,
  p_contact_number text,
  p_group_id text,
  p_group_name text,
  p_participants text[],
  p_opted_out boolean,
  OUT conversation_id integer,
  OUT line_id integer
)
LANGUAGE plpgsql AS $$
DECLARE
  v_key text;
  v_is_group boolean := p_group_id IS NOT NULL AND p_group_id <> '';
  v_display_name text;
  v_found boolean;
BEGIN
  v_key := CASE WHEN v_is_group THEN 'group:' || p_group_id
                ELSE 'direct:' || coalesce(p_line_number, 'unknown') || ':' || coalesce(p_contact_number, 'null') END;
  IF p_contact_number IS NOT NULL AND p_contact_number <> '' THEN
    PERFORM inbox_upsert_contact(p_contact_number, p_opted_out);
  END IF;
  SELECT c.id, c.line_id, c.display_name INTO conversation_id, line_id, v_display_name
  FROM conversations c WHERE c.key = v_key;
  v_found := FOUND;
  -- A direct conversation's key names its line, so the line exists once the conversation
  -- does; a group can be seen from another line, which must still be recorded.
  IF p_line_number IS NOT NULL AND p_line_number <> '' AND (NOT v_found OR v_is_group) THEN
    line_id := inbox_upsert_line(p_line_number);
  END IF;
  IF NOT v_found THEN
    INSERT INTO conversations (key, kind, line_id, contact_number, group_id, display_name)
    VALUES (
      v_key,
      CASE WHEN v_is_group THEN 'group' ELSE 'direct' END::"ConversationKind",
      line_id,
      CASE WHEN v_is_group THEN NULL ELSE p_contact_number END,
      CASE WHEN v_is_group THEN p_group_id END,
      p_group_name
    )
    ON CONFLICT DO NOTHING;
    SELECT c.id, c.display_name INTO conversation_id, v_display_name FROM conversations c WHERE c.key = v_key;
  END IF;
  IF p_group_name IS NOT NULL AND p_group_name <> '' AND v_display_name IS DISTINCT FROM p_group_name THEN
    UPDATE conversations SET display_name = p_group_name WHERE id = conversation_id;
  END IF;
  IF v_is_group THEN
    INSERT INTO conversation_participants (conversation_id, number)
    SELECT DISTINCT conversation_id, n
    FROM unnest(coalesce(p_participants, '{}') || CASE WHEN p_contact_number <> '' THEN ARRAY[p_contact_number] ELSE '{}' END) AS n
    WHERE n IS NOT NULL
    ON CONFLICT DO NOTHING;
  END IF;
END
$$;

-- Points the conversation at its newest message; an older (late) message changes nothing
-- but the unread count.
CREATE FUNCTION "inbox_touch_conversation"(p_conversation_id integer, p_message_id integer, p_sent_at timestamptz, p_unread boolean)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations
  SET last_message_id = p_message_id,
      last_message_at = p_sent_at,
      last_activity_at = p_sent_at,
      unread_count = unread_count + CASE WHEN p_unread THEN 1 ELSE 0 END
  WHERE id = p_conversation_id AND (last_message_at IS NULL OR last_message_at <= p_sent_at);
  IF NOT FOUND AND p_unread THEN
    UPDATE conversations SET unread_count = unread_count + 1 WHERE id = p_conversation_id;
  END IF;
END
$$;

-- Stores a message we have not seen, or its tapback as a reaction on the newest message of
-- the conversation whose text matches the quote. Dedup is the unique handle. Returns the
-- message id (NULL for a reaction), whether anything was created, and whether it has media.
-- p_message is the normalized message (lib/webhooks/normalize-message.ts) as snake_case
-- JSON with `tapback` and `media` beside the columns.
CREATE FUNCTION "inbox_store_message"(
  p_conversation_id integer,
  p_message jsonb,
  OUT message_id integer,
  OUT created boolean,
  OUT has_media boolean
)
LANGUAGE plpgsql AS $$
DECLARE
  m messages%ROWTYPE := jsonb_populate_record(NULL::messages, p_message);
  v_tapback jsonb := p_message -> 'tapback';
  v_media jsonb := p_message -> 'media';
  v_quote text;
  v_target record;
  v_count integer;
BEGIN
  created := false;
  has_media := false;
  -- A tapback that found no target earlier was kept as a plain message; its repeat must
  -- stay a duplicate even if a matching target has arrived since.
  IF v_tapback IS NOT NULL AND jsonb_typeof(v_tapback) = 'object'
     AND NOT EXISTS (SELECT 1 FROM messages WHERE handle = m.handle) THEN
    v_quote := v_tapback ->> 'quote';
    SELECT t.id, t.handle INTO v_target FROM messages t
    WHERE t.conversation_id = p_conversation_id
      AND t.handle <> m.handle
      AND CASE WHEN (v_tapback ->> 'match') = 'prefix' THEN starts_with(t.content, v_quote) ELSE t.content = v_quote END
    ORDER BY t.sent_at DESC, t.id DESC
    LIMIT 1;
    IF FOUND THEN
      INSERT INTO reactions (handle, message_id, reaction, emoji, removed, direction, sender_number, sent_at)
      VALUES (m.handle, v_target.id, v_tapback ->> 'reaction', v_tapback ->> 'emoji',
              coalesce((v_tapback ->> 'removed')::boolean, false), m.direction, m.sender_number, m.sent_at)
      ON CONFLICT DO NOTHING;
      GET DIAGNOSTICS v_count = ROW_COUNT;
      created := v_count > 0;
      IF created THEN
        PERFORM pg_notify('inbox_events', json_build_object('type', 'reaction', 'conversationId', p_conversation_id,
          'handle', m.handle, 'targetHandle', v_target.handle)::text);
      END IF;
      RETURN;
    END IF;
  END IF;

  INSERT INTO messages (handle, conversation_id, direction, service, content, status, status_rank, error_code,
                        error_message, error_reason, error_detail, send_style, was_downgraded, message_type,
                        from_number, to_number, sender_number, sender_email, sent_at, source_updated_at, extra)
  VALUES (m.handle, p_conversation_id, m.direction, m.service, coalesce(m.content, ''), m.status,
          coalesce(m.status_rank, 0), m.error_code, m.error_message, m.error_reason, m.error_detail, m.send_style,
          m.was_downgraded, m.message_type, m.from_number, m.to_number, m.sender_number, m.sender_email, m.sent_at,
          m.source_updated_at, m.extra)
  ON CONFLICT DO NOTHING
  RETURNING id INTO message_id;
  IF message_id IS NULL THEN
    SELECT id INTO message_id FROM messages WHERE handle = m.handle;
    RETURN;
  END IF;
  created := true;

  INSERT INTO message_status_events (message_id, status, error_code, error_message, occurred_at)
  VALUES (message_id, m.status, m.error_code, m.error_message, coalesce(m.source_updated_at, m.sent_at))
  ON CONFLICT DO NOTHING;
  IF v_media IS NOT NULL AND jsonb_typeof(v_media) = 'object' THEN
    INSERT INTO media_attachments (message_id, source_url, kind, content_type, file_name)
    VALUES (message_id, v_media ->> 'source_url', v_media ->> 'kind', v_media ->> 'content_type', v_media ->> 'file_name')
    ON CONFLICT DO NOTHING;
    has_media := true;
  END IF;
  PERFORM inbox_touch_conversation(p_conversation_id, message_id, m.sent_at, m.direction = 'inbound');
  PERFORM pg_notify('inbox_events', json_build_object('type', 'message', 'conversationId', p_conversation_id,
    'handle', m.handle)::text);
END
$$;

-- `receive` (p_source 'receive') or `outbound` / status callback (p_source 'status').
-- History gets each (handle, status) once; the current status only ever moves up the rank,
-- so a late SENT after DELIVERED is history, not a regression. A status for a message we
-- never saw creates it from what the body says. Returns whether the webhook changed anything.
CREATE FUNCTION "inbox_ingest_message"(p_source text, p_message jsonb, OUT duplicate boolean, OUT has_media boolean)
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
  GET DIAGNOSTICS v_count = ROW_COUNT;
  IF v_count = 0 THEN
    duplicate := true;
    RETURN;
  END IF;
  duplicate := false;

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
  PERFORM pg_notify('inbox_events', json_build_object('type', 'status', 'conversationId', v_conversation_id,
    'handle', m.handle, 'status', CASE WHEN v_count > 0 THEN m.status ELSE 'history' END)::text);
END
$$;

-- One webhook request: its effects and its raw log row, committed together before the
-- caller answers 2xx. p_event is the webhook_events row
-- as JSON (without the body, which travels as bytea byte for byte); with p_event_id set,
-- that existing row gets the new outcome instead (a re-process).
CREATE FUNCTION "inbox_ingest_message_webhook"(
  p_source text,
  p_message jsonb,
  p_event jsonb,
  p_body bytea,
  p_event_id integer,
  OUT outcome text,
  OUT event_id integer,
  OUT has_media boolean
)
LANGUAGE plpgsql AS $$
DECLARE
  e webhook_events%ROWTYPE := jsonb_populate_record(NULL::webhook_events, p_event);
  v_duplicate boolean;
BEGIN
  SELECT r.duplicate, r.has_media INTO v_duplicate, has_media FROM inbox_ingest_message(p_source, p_message) r;
  outcome := CASE WHEN v_duplicate THEN 'duplicate' ELSE 'processed' END;
  IF p_event_id IS NULL THEN
    INSERT INTO webhook_events (type, request_id, received_at, headers, body, body_size, outcome, status_code,
                                message_handle, processed_at)
    VALUES (e.type, e.request_id, e.received_at, e.headers, p_body, e.body_size, outcome::"WebhookOutcome", 200,
            p_message ->> 'handle', clock_timestamp())
    RETURNING id INTO event_id;
  ELSE
    UPDATE webhook_events
    SET outcome = inbox_ingest_message_webhook.outcome::"WebhookOutcome", status_code = 200, error = NULL,
        message_handle = p_message ->> 'handle', processed_at = clock_timestamp(), attempts = attempts + 1
    WHERE id = p_event_id;
    event_id := p_event_id;
  END IF;
END
$$;

-- A batch of webhooks in one round trip and one commit (group commit): under load, the
-- webhooks that arrive while the previous batch is in flight go together (see
-- lib/webhooks/ingest-batcher.ts). Each item runs in its own subtransaction, so one that
-- fails is rolled back alone and reported with its SQLSTATE; the others still commit. Rows
-- come back in the order of p_items.
CREATE FUNCTION "inbox_ingest_message_webhooks"(p_items jsonb, p_bodies bytea[])
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
END
$$;
