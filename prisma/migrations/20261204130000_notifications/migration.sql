-- Notifications (issue 16): each member's notification preference, browsers' Web Push
-- subscriptions, and the push queue. Like outgoing webhooks (20261202150000), the triggers
-- below queue the work in the transaction that stored the message or the mention, so nothing
-- is lost between the commit and the send; with no push subscription anywhere they stop after
-- one probe of a tiny table, which keeps webhook ingest as cheap as before.

-- CreateEnum
CREATE TYPE "NotifyPreference" AS ENUM ('all', 'mine_and_unassigned', 'mentions', 'off');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "notifications" "NotifyPreference" NOT NULL DEFAULT 'mine_and_unassigned';

-- CreateTable
CREATE TABLE "push_subscriptions" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "session_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_success_at" TIMESTAMPTZ(3),
    "failure_count" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "push_queue" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "message_id" INTEGER,
    "mention_id" INTEGER,
    "conversation_id" INTEGER NOT NULL,
    "only_subscription_ids" INTEGER[],
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_queue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions"("endpoint");

-- CreateIndex
CREATE INDEX "push_subscriptions_user_id_idx" ON "push_subscriptions"("user_id");

-- CreateIndex
CREATE INDEX "push_subscriptions_session_id_idx" ON "push_subscriptions"("session_id");

-- CreateIndex
CREATE INDEX "push_queue_next_attempt_at_idx" ON "push_queue"("next_attempt_at");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_queue" ADD CONSTRAINT "push_queue_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_queue" ADD CONSTRAINT "push_queue_mention_id_fkey" FOREIGN KEY ("mention_id") REFERENCES "note_mentions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A new inbound message. Not history: an import (inbox.sync_quiet) announces no new
-- message, and a message sent over a day ago is not news (as for outgoing webhooks).
-- Who wants it (the members' preferences, the assignee) is decided when it is sent, by the
-- same function that decides for the browser tab.
CREATE FUNCTION "inbox_push_message_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM push_subscriptions) THEN RETURN NULL; END IF;
  IF inbox_sync_quiet() OR NEW.sent_at < now() - interval '1 day' THEN RETURN NULL; END IF;
  INSERT INTO push_queue (kind, message_id, conversation_id) VALUES ('message', NEW.id, NEW.conversation_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "messages_push_inserted" AFTER INSERT ON "messages"
  FOR EACH ROW WHEN (NEW.direction = 'inbound') EXECUTE FUNCTION inbox_push_message_trigger();

-- A mention in an internal note, for a member with a push subscription.
CREATE FUNCTION "inbox_push_mention_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM push_subscriptions WHERE user_id = NEW.user_id) THEN RETURN NULL; END IF;
  INSERT INTO push_queue (kind, mention_id, conversation_id) VALUES ('mention', NEW.id, NEW.conversation_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "note_mentions_push_inserted" AFTER INSERT ON "note_mentions"
  FOR EACH ROW EXECUTE FUNCTION inbox_push_mention_trigger();
