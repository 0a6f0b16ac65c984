-- Sendblue sync (history import, reconcile, the event stream): see lib/sync/*.
-- Every fetched page or stream event is kept raw in webhook_events like a webhook, with
-- `source` saying where it came from.
CREATE TYPE "EventSource" AS ENUM ('webhook', 'import', 'reconcile', 'stream');
ALTER TABLE "webhook_events" ADD COLUMN "source" "EventSource" NOT NULL DEFAULT 'webhook';

CREATE TYPE "SyncJobState" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- A history import, resumable: its keyset cursor and counters move in the same transaction
-- as the page they describe, so a restart resumes exactly after the last committed page.
CREATE TABLE "sync_jobs" (
    "id" SERIAL NOT NULL,
    "state" "SyncJobState" NOT NULL DEFAULT 'queued',
    "since" TIMESTAMPTZ(3),
    "line" TEXT,
    "cursor_at" TIMESTAMPTZ(3),
    "cursor_skip" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "stored" INTEGER NOT NULL DEFAULT 0,
    "known" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "bad_pages" INTEGER NOT NULL DEFAULT 0,
    "rate_waits" INTEGER NOT NULL DEFAULT 0,
    "rate_wait_ms" INTEGER NOT NULL DEFAULT 0,
    "contacts_named" INTEGER NOT NULL DEFAULT 0,
    "contacts_done" BOOLEAN NOT NULL DEFAULT false,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "error" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_jobs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sync_jobs_state_id_idx" ON "sync_jobs"("state", "id");

-- Always-on passes (reconcile, the event stream): one row each, with the lease that keeps
-- several servers from running the same pass at once and what the last run did.
CREATE TABLE "sync_state" (
    "key" TEXT NOT NULL,
    "high_water_mark" TIMESTAMPTZ(3),
    "last_run_at" TIMESTAMPTZ(3),
    "last_finished_at" TIMESTAMPTZ(3),
    "last_result" JSONB,
    "last_error" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "repaired_total" INTEGER NOT NULL DEFAULT 0,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_state_pkey" PRIMARY KEY ("key")
);

-- Sendblue's read API allows 100 requests per 10 s per account. Every process that calls it
-- (server, CLI, cron) takes a slot here first: a sliding log, a few hundred rows at most.
CREATE TABLE "sendblue_api_requests" (
    "id" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sendblue_api_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sendblue_api_requests_account_at_idx" ON "sendblue_api_requests"("account", "at");

-- Takes one request slot for p_account, or says how many ms to wait for the next one. The
-- advisory lock serializes takers of one account across every connection and process.
CREATE FUNCTION "inbox_sendblue_rate_take"(p_account text, p_limit integer, p_window_ms integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_from timestamptz := v_now - p_window_ms * interval '1 millisecond';
  v_count integer;
  v_oldest timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sendblue_rate:' || p_account));
  DELETE FROM sendblue_api_requests WHERE account = p_account AND at <= v_from;
  SELECT count(*) INTO v_count FROM sendblue_api_requests WHERE account = p_account;
  IF v_count < p_limit THEN
    INSERT INTO sendblue_api_requests (account, at) VALUES (p_account, clock_timestamp());
    RETURN 0;
  END IF;
  -- The slot frees when the request p_limit places back leaves the window.
  SELECT at INTO v_oldest FROM sendblue_api_requests WHERE account = p_account
  ORDER BY at DESC OFFSET p_limit - 1 LIMIT 1;
  RETURN greatest(1, ceil(extract(epoch FROM (v_oldest - v_from)) * 1000)::integer);
END
$$;

-- Imported history is read: inside a transaction that set inbox.sync_quiet, messages add no
-- unread count and announce only "this conversation changed" (one NOTIFY per conversation
-- and transaction, as PostgreSQL folds identical payloads), never a new message.
CREATE FUNCTION "inbox_sync_quiet"() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('inbox.sync_quiet', true), '') = 'on' $$;

CREATE FUNCTION "inbox_notify"(p_conversation_id integer, p_event text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF inbox_sync_quiet() THEN
    PERFORM pg_notify('inbox_events', json_build_object('type', 'conversation', 'conversationId', p_conversation_id)::text);
  ELSE
    PERFORM pg_notify('inbox_events', p_event);
  END IF;
END
$$;

-- The functions of 20261130000000_ingest_functions, unchanged but for the quiet mode above.
CREATE OR REPLACE FUNCTION "inbox_touch_conversation"(p_conversation_id integer, p_message_id integer, p_sent_at timestamptz, p_unread boolean)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversations
  SET last_message_id = p_message_id,
      last_message_at = p_sent_at,
      last_activity_at = p_sent_at,
      unread_count = unread_count + CASE WHEN p_unread AND NOT inbox_sync_quiet() THEN 1 ELSE 0 END
  WHERE id = p_conversation_id AND (last_message_at IS NULL OR last_message_at <= p_sent_at);
  IF NOT FOUND AND p_unread AND NOT inbox_sync_quiet() THEN
    UPDATE conversations SET unread_count = unread_count + 1 WHERE id = p_conversation_id;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION "inbox_store_message"(
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
        PERFORM inbox_notify(p_conversation_id, json_build_object('type', 'reaction', 'conversationId', p_conversation_id,
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
  PERFORM inbox_notify(p_conversation_id, json_build_object('type', 'message', 'conversationId', p_conversation_id,
    'handle', m.handle)::text);
END
$$;

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
  PERFORM inbox_notify(v_conversation_id, json_build_object('type', 'status', 'conversationId', v_conversation_id,
    'handle', m.handle, 'status', CASE WHEN v_count > 0 THEN m.status ELSE 'history' END)::text);
END
$$;

-- A page of messages from Sendblue's API (import, reconcile, stream): each through the same
-- inbox_ingest_message a webhook takes, in its own subtransaction, so a message that fails is
-- rolled back alone and reported with its SQLSTATE. No raw row per message: the caller
-- stores the page body once.
CREATE FUNCTION "inbox_ingest_sync_items"(p_items jsonb)
RETURNS TABLE (outcome text, has_media boolean, error_state text, error_message text)
LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
  v_duplicate boolean;
BEGIN
  FOR v_item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
    outcome := NULL;
    has_media := false;
    error_state := NULL;
    error_message := NULL;
    BEGIN
      SELECT r.duplicate, r.has_media INTO v_duplicate, has_media
      FROM inbox_ingest_message(v_item ->> 'source', v_item -> 'message') r;
      outcome := CASE WHEN v_duplicate THEN 'duplicate' ELSE 'processed' END;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS error_state = RETURNED_SQLSTATE, error_message = MESSAGE_TEXT;
    END;
    RETURN NEXT;
  END LOOP;
END
$$;
