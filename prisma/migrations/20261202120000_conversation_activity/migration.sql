-- The activity trail of a conversation (issue 14): state changes, assignments, labels and
-- notes, with who and when. It is the audit log for these actions, so it is append-only:
-- the trigger below refuses UPDATE and DELETE of a row. The actor is a snapshot (id and
-- name at the time), not a foreign key, so removing a member neither rewrites nor loses
-- what they did. A conversation is never deleted, so no cascade needs to pass the trigger.

-- CreateTable
CREATE TABLE "conversation_activity" (
    "id" BIGSERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "actor_id" INTEGER,
    "actor_name" TEXT,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_activity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversation_activity_conversation_id_id_idx" ON "conversation_activity"("conversation_id", "id");

-- AddForeignKey
ALTER TABLE "conversation_activity" ADD CONSTRAINT "conversation_activity_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION "inbox_activity_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'conversation_activity is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "conversation_activity_append_only" BEFORE UPDATE OR DELETE ON "conversation_activity"
  FOR EACH ROW EXECUTE FUNCTION "inbox_activity_is_append_only"();
