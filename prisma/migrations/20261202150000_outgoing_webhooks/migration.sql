-- Outgoing webhooks and Slack notices (issue 19). Endpoints are configured by owners; the
-- triggers below put one delivery row per subscribed endpoint into webhook_deliveries in
-- the same transaction as the change (a message stored, a status changed, media kept), so
-- nothing is lost between the commit and the queue. Without an enabled endpoint they stop
-- after one probe of a (tiny) table, which keeps ingest as cheap as before.

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'webhook',
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT,
    "line_id" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "failing_since" TIMESTAMPTZ(3),
    "next_post_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_user_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "endpoint_id" INTEGER NOT NULL,
    "event_type" TEXT NOT NULL,
    "conversation_id" INTEGER,
    "data" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_id" TEXT,
    "last_status" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_deliveries_state_next_attempt_at_idx" ON "webhook_deliveries"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_conversation_id_id_idx" ON "webhook_deliveries"("endpoint_id", "conversation_id", "id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_id_idx" ON "webhook_deliveries"("endpoint_id", "id");

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One delivery per enabled endpoint that subscribes to the type (and to this line, when it
-- names one). Also the hook point for events that come later: the conversation workflow
-- (issue 14) calls inbox_enqueue_outgoing('conversation.updated', id, line_id, data) in the
-- transaction that changes a conversation's state or assignment.
CREATE FUNCTION "inbox_enqueue_outgoing"(p_type text, p_conversation_id integer, p_line_id integer, p_data jsonb)
RETURNS void LANGUAGE sql AS $$
  -- A Slack notice waits a few seconds, so a burst of messages goes out as one post.
  INSERT INTO webhook_deliveries (endpoint_id, event_type, conversation_id, data, next_attempt_at)
  SELECT e.id, p_type, p_conversation_id, p_data,
         CASE WHEN e.kind = 'slack' THEN now() + interval '3 seconds' ELSE now() END
  FROM webhook_endpoints e
  WHERE e.enabled AND p_type = ANY (e.events) AND (e.line_id IS NULL OR e.line_id = p_line_id)
    -- Slack hears of failed sends only, not of every status.
    AND (e.kind <> 'slack' OR p_type <> 'message.status' OR p_data -> 'message' ->> 'status' IN ('ERROR', 'FAILED', 'DECLINED'))
  ORDER BY e.id
$$;

-- The message as an event's `data`: the message, its conversation, and who sent it.
CREATE FUNCTION "inbox_outgoing_message_data"(m messages) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'message', jsonb_build_object(
      'id', m.id, 'handle', m.handle, 'direction', m.direction, 'service', m.service,
      'content', m.content, 'status', m.status, 'sentAt', to_jsonb(m.sent_at),
      'senderNumber', m.sender_number,
      'error', CASE WHEN m.error_code IS NULL AND m.error_message IS NULL THEN NULL
               ELSE jsonb_build_object('code', m.error_code, 'message', m.error_message) END,
      'sentBy', CASE WHEN m.sent_by_user_id IS NULL THEN NULL
                ELSE (SELECT jsonb_build_object('userId', u.id, 'name', coalesce(u.name, u.email)) FROM users u WHERE u.id = m.sent_by_user_id) END),
    'conversation', (SELECT jsonb_build_object('id', c.id, 'kind', c.kind, 'line', l.number, 'contactNumber', c.contact_number, 'groupId', c.group_id)
                     FROM conversations c LEFT JOIN lines l ON l.id = c.line_id WHERE c.id = m.conversation_id))
$$;

CREATE FUNCTION "inbox_outgoing_message_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_type text;
  v_line integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    -- A history import or backfill stores old messages: that is not news to announce.
    IF NEW.sent_at < now() - interval '1 day' THEN RETURN NULL; END IF;
    v_type := CASE WHEN NEW.direction = 'inbound' THEN 'message.received' ELSE 'message.sent' END;
  ELSE
    v_type := 'message.status';
  END IF;
  SELECT line_id INTO v_line FROM conversations WHERE id = NEW.conversation_id;
  PERFORM inbox_enqueue_outgoing(v_type, NEW.conversation_id, v_line, inbox_outgoing_message_data(NEW));
  RETURN NULL;
END
$$;

CREATE TRIGGER "messages_outgoing_inserted" AFTER INSERT ON "messages"
  FOR EACH ROW EXECUTE FUNCTION inbox_outgoing_message_trigger();
CREATE TRIGGER "messages_outgoing_status_changed" AFTER UPDATE OF "status" ON "messages"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION inbox_outgoing_message_trigger();

CREATE FUNCTION "inbox_outgoing_media_kept_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_conversation integer;
  v_line integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) THEN RETURN NULL; END IF;
  SELECT m.conversation_id, c.line_id INTO v_conversation, v_line
  FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = NEW.message_id;
  PERFORM inbox_enqueue_outgoing('attachment.kept', v_conversation, v_line, jsonb_build_object(
    'attachment', jsonb_build_object('id', NEW.id, 'messageId', NEW.message_id, 'kind', NEW.kind,
      'contentType', NEW.content_type, 'fileName', NEW.file_name, 'byteSize', NEW.byte_size,
      'url', '/api/media/' || NEW.id),
    'conversation', jsonb_build_object('id', v_conversation)));
  RETURN NULL;
END
$$;

CREATE TRIGGER "media_attachments_outgoing_kept" AFTER UPDATE OF "mirror_state" ON "media_attachments"
  FOR EACH ROW WHEN (NEW.mirror_state = 'kept' AND OLD.mirror_state IS DISTINCT FROM 'kept')
  EXECUTE FUNCTION inbox_outgoing_media_kept_trigger();
