-- Outgoing webhook bodies name a conversation and a member in the same shape wherever they
-- appear (message.* and conversation.updated): one helper each, so the shapes cannot drift
-- apart. PL/pgSQL for the reason in 20261202170000 (plans kept per session). Same results.

CREATE FUNCTION "inbox_outgoing_member"(p_user_id integer) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_user_id IS NULL THEN RETURN NULL; END IF;
  RETURN (SELECT jsonb_build_object('userId', u.id, 'name', coalesce(u.name, u.email)) FROM users u WHERE u.id = p_user_id);
END
$$;

-- The conversation as every outgoing body names it: {id, kind, line, contactNumber, groupId}.
CREATE FUNCTION "inbox_outgoing_conversation"(c conversations) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN jsonb_build_object('id', c.id, 'kind', c.kind, 'line', (SELECT l.number FROM lines l WHERE l.id = c.line_id),
                            'contactNumber', c.contact_number, 'groupId', c.group_id);
END
$$;

CREATE OR REPLACE FUNCTION "inbox_outgoing_message_data"(m messages) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN jsonb_build_object(
    'message', jsonb_build_object(
      'id', m.id, 'handle', m.handle, 'direction', m.direction, 'service', m.service,
      'content', m.content, 'status', m.status, 'sentAt', to_jsonb(m.sent_at),
      'senderNumber', m.sender_number,
      'error', CASE WHEN m.error_code IS NULL AND m.error_message IS NULL THEN NULL
               ELSE jsonb_build_object('code', m.error_code, 'message', m.error_message) END,
      'sentBy', inbox_outgoing_member(m.sent_by_user_id)),
    'conversation', (SELECT inbox_outgoing_conversation(c) FROM conversations c WHERE c.id = m.conversation_id));
END
$$;

CREATE OR REPLACE FUNCTION "inbox_outgoing_activity_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c conversations;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) THEN RETURN NULL; END IF;
  SELECT * INTO c FROM conversations WHERE id = NEW.conversation_id;
  PERFORM inbox_enqueue_outgoing('conversation.updated', NEW.conversation_id, c.line_id, jsonb_build_object(
    'conversation', inbox_outgoing_conversation(c) || jsonb_build_object(
      'state', c.state, 'snoozedUntil', to_jsonb(c.snoozed_until), 'assignee', inbox_outgoing_member(c.assignee_id)),
    'change', NEW.data || jsonb_build_object('kind', NEW.kind),
    'actor', CASE WHEN NEW.actor_id IS NULL AND NEW.actor_name IS NULL THEN NULL
             ELSE jsonb_build_object('userId', NEW.actor_id, 'name', NEW.actor_name) END));
  RETURN NULL;
END
$$;
