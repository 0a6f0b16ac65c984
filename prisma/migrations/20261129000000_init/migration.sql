-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "ConversationKind" AS ENUM ('direct', 'group');

-- CreateEnum
CREATE TYPE "MirrorState" AS ENUM ('pending', 'copying', 'kept', 'failed', 'expired');

-- CreateEnum
CREATE TYPE "WebhookOutcome" AS ENUM ('processed', 'duplicate', 'invalid', 'unauthorized', 'too_large', 'failed');

-- CreateTable
CREATE TABLE "lines" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "assignment" TEXT,
    "status" TEXT,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "blocked_at" TIMESTAMPTZ(3),
    "assigned_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3),
    "extra" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "company_name" TEXT,
    "sendblue_contact_id" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "opted_out" BOOLEAN NOT NULL DEFAULT false,
    "verified" BOOLEAN,
    "extra" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "ConversationKind" NOT NULL,
    "line_id" INTEGER,
    "contact_number" TEXT,
    "group_id" TEXT,
    "display_name" TEXT,
    "last_message_id" INTEGER,
    "last_message_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unread_count" INTEGER NOT NULL DEFAULT 0,
    "last_read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_participants" (
    "conversation_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_participants_pkey" PRIMARY KEY ("conversation_id","number")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" SERIAL NOT NULL,
    "handle" TEXT NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "direction" "Direction" NOT NULL,
    "service" TEXT,
    "content" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "status_rank" INTEGER NOT NULL DEFAULT 0,
    "error_code" TEXT,
    "error_message" TEXT,
    "error_reason" TEXT,
    "error_detail" TEXT,
    "send_style" TEXT,
    "was_downgraded" BOOLEAN,
    "message_type" TEXT,
    "from_number" TEXT,
    "to_number" TEXT,
    "sender_number" TEXT,
    "sender_email" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "source_updated_at" TIMESTAMPTZ(3),
    "extra" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_status_events" (
    "id" SERIAL NOT NULL,
    "message_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "occurred_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_status_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reactions" (
    "id" SERIAL NOT NULL,
    "handle" TEXT NOT NULL,
    "message_id" INTEGER NOT NULL,
    "reaction" TEXT NOT NULL,
    "emoji" TEXT,
    "removed" BOOLEAN NOT NULL DEFAULT false,
    "direction" "Direction" NOT NULL,
    "sender_number" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "media_attachments" (
    "id" SERIAL NOT NULL,
    "message_id" INTEGER NOT NULL,
    "source_url" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content_type" TEXT,
    "file_name" TEXT,
    "mirror_state" "MirrorState" NOT NULL DEFAULT 'pending',
    "storage_key" TEXT,
    "byte_size" INTEGER,
    "width" INTEGER,
    "height" INTEGER,
    "duration_ms" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "media_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_logs" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER,
    "line_number" TEXT,
    "contact_number" TEXT,
    "direction" TEXT,
    "disposition" TEXT,
    "duration_seconds" INTEGER,
    "transcript" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "extra" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "typing_states" (
    "conversation_id" INTEGER NOT NULL,
    "is_typing" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "typing_states_pkey" PRIMARY KEY ("conversation_id")
);

-- CreateTable
CREATE TABLE "line_events" (
    "id" SERIAL NOT NULL,
    "line_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "extra" JSONB,

    CONSTRAINT "line_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headers" JSONB NOT NULL,
    "body" BYTEA,
    "body_size" INTEGER NOT NULL,
    "outcome" "WebhookOutcome" NOT NULL,
    "status_code" INTEGER NOT NULL,
    "error" TEXT,
    "message_handle" TEXT,
    "processed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_fingerprints" (
    "type" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_fingerprints_pkey" PRIMARY KEY ("type","hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "lines_number_key" ON "lines"("number");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_number_key" ON "contacts"("number");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_key_key" ON "conversations"("key");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_group_id_key" ON "conversations"("group_id");

-- CreateIndex
CREATE INDEX "conversations_last_activity_at_id_idx" ON "conversations"("last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_line_id_last_activity_at_id_idx" ON "conversations"("line_id", "last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_contact_number_idx" ON "conversations"("contact_number");

-- CreateIndex
CREATE INDEX "conversation_participants_number_idx" ON "conversation_participants"("number");

-- CreateIndex
CREATE UNIQUE INDEX "messages_handle_key" ON "messages"("handle");

-- CreateIndex
CREATE INDEX "messages_conversation_id_sent_at_id_idx" ON "messages"("conversation_id", "sent_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "message_status_events_message_id_status_key" ON "message_status_events"("message_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "reactions_handle_key" ON "reactions"("handle");

-- CreateIndex
CREATE INDEX "reactions_message_id_idx" ON "reactions"("message_id");

-- CreateIndex
CREATE INDEX "media_attachments_mirror_state_next_attempt_at_idx" ON "media_attachments"("mirror_state", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "media_attachments_message_id_source_url_key" ON "media_attachments"("message_id", "source_url");

-- CreateIndex
CREATE INDEX "call_logs_conversation_id_started_at_idx" ON "call_logs"("conversation_id", "started_at");

-- CreateIndex
CREATE INDEX "line_events_line_id_occurred_at_idx" ON "line_events"("line_id", "occurred_at");

-- CreateIndex
CREATE INDEX "webhook_events_type_id_idx" ON "webhook_events"("type", "id");

-- CreateIndex
CREATE INDEX "webhook_events_outcome_id_idx" ON "webhook_events"("outcome", "id");

-- CreateIndex
CREATE INDEX "webhook_events_message_handle_idx" ON "webhook_events"("message_handle");

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_contact_number_fkey" FOREIGN KEY ("contact_number") REFERENCES "contacts"("number") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_status_events" ADD CONSTRAINT "message_status_events_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_attachments" ADD CONSTRAINT "media_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_logs" ADD CONSTRAINT "call_logs_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "typing_states" ADD CONSTRAINT "typing_states_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line_events" ADD CONSTRAINT "line_events_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "lines"("id") ON DELETE CASCADE ON UPDATE CASCADE;
