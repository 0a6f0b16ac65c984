-- Team workflow on conversations (issue 14): open / done / snoozed-until, an assignee, each
-- member's own read position, and opt-in round-robin assignment of new conversations.
--
-- Reopening on a new inbound message is a trigger on messages, so every way a message
-- arrives (webhook ingest functions, sync imports, the fake) reopens the same way without
-- redefining those functions. An imported message older than the conversation's last state
-- change (history arriving late) does not reopen it.
--
-- Tab counts come from the counters ledger (lib/read/counters.ts): keys
-- 'conversations:open:<assignee id | none>', 'conversations:snoozed', 'conversations:done'.

-- CreateEnum
CREATE TYPE "ConversationState" AS ENUM ('open', 'done', 'snoozed');

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN "assignee_id" INTEGER,
ADD COLUMN "snoozed_until" TIMESTAMPTZ(3),
ADD COLUMN "state" "ConversationState" NOT NULL DEFAULT 'open',
ADD COLUMN "state_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "users" ADD COLUMN "auto_assign" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "conversation_reads" (
    "user_id" INTEGER NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    "marked_unread" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "conversation_reads_pkey" PRIMARY KEY ("user_id","conversation_id")
);

-- CreateTable
CREATE TABLE "assignment_rotation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_user_id" INTEGER,

    CONSTRAINT "assignment_rotation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversation_reads_conversation_id_idx" ON "conversation_reads"("conversation_id");

-- CreateIndex
CREATE INDEX "conversations_state_last_activity_at_id_idx" ON "conversations"("state", "last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_assignee_id_state_last_activity_at_id_idx" ON "conversations"("assignee_id", "state", "last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_state_snoozed_until_idx" ON "conversations"("state", "snoozed_until");

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "assignment_rotation" ("id") VALUES (1);

-- Per-member unread (lib/workflow/member-reads.ts): a member who has not opened a
-- conversation reads from the team's shared position, conversations.last_read_at, which from
-- now on only the shared automation token and imported history move. Conversations the
-- shared count says are read start read up to their last message.
UPDATE conversations SET last_read_at = last_message_at
WHERE unread_count = 0 AND last_message_at IS NOT NULL AND (last_read_at IS NULL OR last_read_at < last_message_at);

-- Every existing conversation starts open and unassigned.
INSERT INTO counter_deltas (key, delta) SELECT 'conversations:open:none', count(*) FROM conversations;

CREATE FUNCTION "inbox_workflow_counter_key"(p_state "ConversationState", p_assignee_id integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_state = 'open' THEN 'conversations:open:' || coalesce(p_assignee_id::text, 'none')
              ELSE 'conversations:' || p_state::text END
$$;

CREATE FUNCTION "counters_conversation_workflow"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO counter_deltas (key, delta) VALUES (inbox_workflow_counter_key(OLD.state, OLD.assignee_id), -1);
  END IF;
  INSERT INTO counter_deltas (key, delta) VALUES (inbox_workflow_counter_key(NEW.state, NEW.assignee_id), 1);
  RETURN NULL;
END
$$;

CREATE TRIGGER "counters_conversation_workflow_inserted" AFTER INSERT ON "conversations"
FOR EACH ROW EXECUTE FUNCTION "counters_conversation_workflow"();
CREATE TRIGGER "counters_conversation_workflow_changed" AFTER UPDATE OF "state", "assignee_id" ON "conversations"
FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."assignee_id" IS DISTINCT FROM NEW."assignee_id")
EXECUTE FUNCTION "counters_conversation_workflow"();

-- A new inbound message reopens a done or snoozed conversation, says so in the trail
-- (actor null, reason new_message) and tells open pages. Quiet imports announce through
-- inbox_notify's quiet mode like the rest of their changes.
CREATE FUNCTION "inbox_reopen_on_inbound"() RETURNS trigger
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
  INSERT INTO conversation_activity (conversation_id, actor_id, actor_name, kind, data)
  VALUES (NEW.conversation_id, NULL, NULL, 'state', jsonb_build_object('from', v_state::text, 'to', 'open', 'reason', 'new_message'));
  PERFORM inbox_notify(NEW.conversation_id, json_build_object('type', 'activity', 'conversationId', NEW.conversation_id)::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "messages_inbound_reopens" AFTER INSERT ON "messages"
FOR EACH ROW WHEN (NEW."direction" = 'inbound') EXECUTE FUNCTION "inbox_reopen_on_inbound"();

-- Imported history (inbox.sync_quiet) is read, for every member as it was for the shared
-- count: it moves the shared read position past itself.
CREATE FUNCTION "inbox_imported_is_read"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF inbox_sync_quiet() THEN
    UPDATE conversations SET last_read_at = NEW.sent_at
    WHERE id = NEW.conversation_id AND (last_read_at IS NULL OR last_read_at < NEW.sent_at);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "messages_imported_are_read" AFTER INSERT ON "messages"
FOR EACH ROW WHEN (NEW."direction" = 'inbound') EXECUTE FUNCTION "inbox_imported_is_read"();

-- Round-robin auto-assignment of a new conversation among enabled members who opted in
-- (users.auto_assign). The rotation row is locked while picking, so concurrent processes
-- hand out members in turn. Imported history (inbox.sync_quiet) is not assigned.
CREATE FUNCTION "inbox_auto_assign"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_last integer;
  v_next integer;
  v_name text;
BEGIN
  IF NEW.assignee_id IS NOT NULL OR inbox_sync_quiet()
     OR NOT EXISTS (SELECT 1 FROM users WHERE auto_assign AND disabled_at IS NULL) THEN
    RETURN NULL;
  END IF;
  SELECT last_user_id INTO v_last FROM assignment_rotation WHERE id = 1 FOR UPDATE;
  SELECT id, coalesce(name, email) INTO v_next, v_name FROM users
  WHERE auto_assign AND disabled_at IS NULL
  ORDER BY id > coalesce(v_last, 0) DESC, id LIMIT 1;
  IF v_next IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE assignment_rotation SET last_user_id = v_next WHERE id = 1;
  UPDATE conversations SET assignee_id = v_next WHERE id = NEW.id;
  INSERT INTO conversation_activity (conversation_id, actor_id, actor_name, kind, data)
  VALUES (NEW.id, NULL, NULL, 'assignment', jsonb_build_object('from', NULL, 'to', v_next, 'toName', v_name, 'reason', 'auto'));
  RETURN NULL;
END
$$;

CREATE TRIGGER "conversations_auto_assign" AFTER INSERT ON "conversations"
FOR EACH ROW EXECUTE FUNCTION "inbox_auto_assign"();
