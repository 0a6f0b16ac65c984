-- member_unreads: the conversations each member has unread, one row each, kept by triggers so
-- the Unread filter (and the title's unread count) read a member's unread conversations instead
-- of walking every conversation of the tab: a member who had read everything made the list walk
-- all 60,000 open conversations of a 100,000-conversation inbox to answer an empty page
-- (181 ms p95, bench:inbox). The rule is the readers' (lib/workflow/member-reads.ts): marked
-- unread, or an inbound message after the member's read position, their own
-- (conversation_reads.read_at) or else the team's shared one (conversations.last_read_at).
-- Each row is a function of the conversation, the member and their read row, and every write
-- to one of those recomputes the rows it can touch from them, so the table is what computing
-- it from scratch gives, whatever the order writes arrive in.
CREATE TABLE "member_unreads" (
    "conversation_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "state" "ConversationState" NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_unreads_pkey" PRIMARY KEY ("conversation_id","user_id")
);

-- The list's order (conversations' last_activity_at, id), per member and per state, so a tab's
-- Unread page is the first rows of the member's own index; state and last_activity_at are
-- copies of the conversation's, changed in the same transaction.
CREATE INDEX "member_unreads_user_id_state_last_activity_at_conversation__idx" ON "member_unreads"("user_id", "state", "last_activity_at" DESC, "conversation_id" DESC);

CREATE INDEX "member_unreads_user_id_last_activity_at_conversation_id_idx" ON "member_unreads"("user_id", "last_activity_at" DESC, "conversation_id" DESC);

ALTER TABLE "member_unreads" ADD CONSTRAINT "member_unreads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "member_unreads" ADD CONSTRAINT "member_unreads_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Makes conversation p_conversation_id's rows (only p_user_id's, unless NULL) what the rule
-- says now. Callers hold the conversation's row lock, so two transactions changing one
-- conversation's inputs recompute one after the other, the second seeing the first's commit.
-- A row whose last_inbound_at is not known yet (an upgrade's backfill, 20261203110000) reads
-- its messages, as the readers' fallback does.
CREATE FUNCTION "inbox_member_unreads_refresh"(p_conversation_id integer, p_user_id integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH want AS (
    SELECT u.id AS user_id
    FROM conversations c
    CROSS JOIN users u
    LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = u.id
    WHERE c.id = p_conversation_id AND (p_user_id IS NULL OR u.id = p_user_id)
      AND (coalesce(r.marked_unread, false)
           OR coalesce(c.last_inbound_at, inbox_newest_inbound(c.id)) > coalesce(r.read_at, c.last_read_at, '-infinity'))
  ), gone AS (
    DELETE FROM member_unreads m
    WHERE m.conversation_id = p_conversation_id AND (p_user_id IS NULL OR m.user_id = p_user_id)
      AND m.user_id NOT IN (SELECT user_id FROM want)
  )
  INSERT INTO member_unreads (conversation_id, user_id, state, last_activity_at)
  SELECT p_conversation_id, w.user_id, c.state, c.last_activity_at FROM want w, conversations c WHERE c.id = p_conversation_id
  ON CONFLICT (conversation_id, user_id) DO UPDATE SET state = EXCLUDED.state, last_activity_at = EXCLUDED.last_activity_at
  WHERE (member_unreads.state, member_unreads.last_activity_at) IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.last_activity_at);
END
$$;

-- A conversation's newest inbound message or shared read position moved (the ingest path's
-- inbox_touch_conversation, the automation token's read, imported history): every member's
-- row. Its state or last activity alone moved (a reply, done, snoozed): the copies in the rows
-- of the members who have it unread. The UPDATE holds the row lock already.
CREATE FUNCTION "inbox_member_unreads_conversation"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.last_inbound_at IS DISTINCT FROM NEW.last_inbound_at
     OR OLD.last_read_at IS DISTINCT FROM NEW.last_read_at THEN
    PERFORM inbox_member_unreads_refresh(NEW.id, NULL);
  ELSE
    UPDATE member_unreads SET state = NEW.state, last_activity_at = NEW.last_activity_at
    WHERE conversation_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "conversations_member_unreads_insert" AFTER INSERT ON "conversations"
  FOR EACH ROW WHEN (NEW."last_inbound_at" IS DISTINCT FROM '-infinity'::timestamptz)
  EXECUTE FUNCTION inbox_member_unreads_conversation();
CREATE TRIGGER "conversations_member_unreads_update"
  AFTER UPDATE OF "last_inbound_at", "last_read_at", "state", "last_activity_at" ON "conversations"
  FOR EACH ROW WHEN (OLD."last_inbound_at" IS DISTINCT FROM NEW."last_inbound_at"
                     OR OLD."last_read_at" IS DISTINCT FROM NEW."last_read_at"
                     OR OLD."state" IS DISTINCT FROM NEW."state"
                     OR OLD."last_activity_at" IS DISTINCT FROM NEW."last_activity_at")
  EXECUTE FUNCTION inbox_member_unreads_conversation();

-- A member's read row changed (opened, marked unread): their row of that conversation, under
-- the conversation's row lock (FOR NO KEY UPDATE, as the ingest path's UPDATE takes it), so a
-- message stored at the same moment is counted by whichever of the two recomputes last. A
-- read row deleted with its conversation or member finds neither, and leaves nothing behind.
CREATE FUNCTION "inbox_member_unreads_read"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_row conversation_reads%ROWTYPE;
BEGIN
  IF TG_OP = 'DELETE' THEN v_row := OLD; ELSE v_row := NEW; END IF;
  PERFORM 1 FROM conversations WHERE id = v_row.conversation_id FOR NO KEY UPDATE;
  PERFORM inbox_member_unreads_refresh(v_row.conversation_id, v_row.user_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "conversation_reads_member_unreads" AFTER INSERT OR UPDATE OR DELETE ON "conversation_reads"
  FOR EACH ROW EXECUTE FUNCTION inbox_member_unreads_read();

-- A new member reads from the shared position everywhere (they have no read rows yet): their
-- rows are the conversations unread by it. SHARE on conversations waits for the transactions
-- writing conversations to finish and holds off new ones until this one commits: a message
-- stored meanwhile is then either seen here or recomputed after it, seeing the member. Adding
-- a member so pauses ingestion for the length of one pass over conversations (bench:inbox).
CREATE FUNCTION "inbox_member_unreads_new_member"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE conversations IN SHARE MODE;
  INSERT INTO member_unreads (conversation_id, user_id, state, last_activity_at)
  SELECT c.id, NEW.id, c.state, c.last_activity_at FROM conversations c
  WHERE coalesce(c.last_inbound_at, inbox_newest_inbound(c.id)) > coalesce(c.last_read_at, '-infinity');
  RETURN NULL;
END
$$;

CREATE TRIGGER "users_member_unreads" AFTER INSERT ON "users"
  FOR EACH ROW EXECUTE FUNCTION inbox_member_unreads_new_member();

-- The rows of conversations (p_from, p_to], from scratch under their row locks (a read or a
-- message meanwhile waits for the batch, then recomputes the rows it touches).
CREATE FUNCTION "inbox_member_unreads_backfill"(p_from integer, p_to integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_count integer;
BEGIN
  PERFORM 1 FROM conversations WHERE id > p_from AND id <= p_to ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM member_unreads WHERE conversation_id > p_from AND conversation_id <= p_to;
  INSERT INTO member_unreads (conversation_id, user_id, state, last_activity_at)
  SELECT c.id, u.id, c.state, c.last_activity_at
  FROM conversations c
  CROSS JOIN users u
  LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = u.id
  WHERE c.id > p_from AND c.id <= p_to
    AND (coalesce(r.marked_unread, false)
         OR coalesce(c.last_inbound_at, inbox_newest_inbound(c.id)) > coalesce(r.read_at, c.last_read_at, '-infinity'));
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;

-- The conversations stored before this migration, in id batches while the server serves
-- (lib/db/background-tasks.ts; a small install is done by the migration run itself). Until
-- it is done, the readers answer from the rule itself, as before.
INSERT INTO "background_tasks" ("name", "description", "kind", "statement", "upper_bound_sql")
VALUES (
  'member_unreads_backfill',
  'Inbox: each member''s unread conversations among those stored before this upgrade (the Unread filter)',
  'batches',
  $task$SELECT inbox_member_unreads_backfill($1, $2)$task$,
  $task$SELECT coalesce(max(id), 0) FROM conversations$task$
);
