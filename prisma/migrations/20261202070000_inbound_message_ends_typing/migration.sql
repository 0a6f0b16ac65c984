-- A message from the contact ends their typing indicator: Sendblue sends no "stopped" when
-- the message goes out, so the row kept saying "typing…" for up to 15 s after the message.
-- updated_at moves up to the message's time, so a typing webhook from before the message
-- that is delivered late (ingest-typing.ts only applies newer ones) cannot bring it back.
-- A trigger, so every way a message is stored (the ingest functions, replays) does this.
CREATE FUNCTION "inbox_inbound_message_ends_typing"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "typing_states"
  SET "is_typing" = false, "updated_at" = NEW."sent_at"
  WHERE "conversation_id" = NEW."conversation_id" AND "is_typing" AND "updated_at" <= NEW."sent_at";
  RETURN NULL;
END
$$;

CREATE TRIGGER "messages_inbound_ends_typing"
AFTER INSERT ON "messages"
FOR EACH ROW WHEN (NEW."direction" = 'inbound')
EXECUTE FUNCTION "inbox_inbound_message_ends_typing"();
