-- message_rollup: what Insights counts about messages (lib/insights/message-volume.ts,
-- delivery-outcomes.ts, top-error-codes.ts, busiest-hours.ts), summed per UTC hour and line,
-- so the page reads a few rows per hour of its range instead of every message in it (90 days
-- at 1 M messages: ~82,000 messages per chart, messages per day alone 257 ms p95).
--
-- A ledger and its balance, like counters (20261202050000_read_counters), for the same reason:
-- triggers only ever append to message_rollup_deltas, and appends never wait on each other.
-- A counter row per hour updated in place (`UPDATE … SET n = n + 1`) would be locked by each
-- ingest transaction until it commits: every concurrent webhook of the hour would queue behind
-- the one before it, and two batches touching two hours (or lines) in opposite orders would
-- deadlock. inbox_fold_counters() (every ingest batch and sync page calls it, one folder at a
-- time under an advisory lock it only tries) moves the deltas into message_rollup; a reader
-- adds both in one statement, so the numbers are exact at every moment.
--
-- A message's entry (inbox_message_rollup_entry) is the single place the charts' definitions
-- meet the rollup: its hour (date_bin: UTC), its conversation's line (0: none), one count in
-- its direction × service column ('other' for anything but iMessage, SMS and RCS, NULL
-- included), and for an outbound message one count in its outcome (failed: status_rank 5 or
-- an error code other than '' and '0', whatever the status; else delivered from rank 3, sent
-- only at 2, pending below) and in downgraded when was_downgraded. A failed message's row
-- carries its code (NULL for '', '0' or none) and error message, so the top codes and the
-- commonest message per code come out of the same rows; all other rows have both NULL.
--
-- Contract for writers: a message's every counted field (conversation, direction, service,
-- sent_at, status_rank, error code and message, was_downgraded) may change, messages may be
-- deleted, a conversation may move to another line or be deleted; the triggers follow. Rows
-- written with triggers disabled (session_replication_role = replica) are not counted.

CREATE TABLE "message_rollup" (
    "id" BIGSERIAL NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "line_id" INTEGER NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "inbound_imessage" INTEGER NOT NULL DEFAULT 0,
    "inbound_sms" INTEGER NOT NULL DEFAULT 0,
    "inbound_rcs" INTEGER NOT NULL DEFAULT 0,
    "inbound_other" INTEGER NOT NULL DEFAULT 0,
    "outbound_imessage" INTEGER NOT NULL DEFAULT 0,
    "outbound_sms" INTEGER NOT NULL DEFAULT 0,
    "outbound_rcs" INTEGER NOT NULL DEFAULT 0,
    "outbound_other" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "sent_only" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "downgraded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "message_rollup_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "message_rollup_deltas" (
    "id" BIGSERIAL NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "line_id" INTEGER NOT NULL,
    "error_code" TEXT,
    "error_message" TEXT,
    "inbound_imessage" INTEGER NOT NULL DEFAULT 0,
    "inbound_sms" INTEGER NOT NULL DEFAULT 0,
    "inbound_rcs" INTEGER NOT NULL DEFAULT 0,
    "inbound_other" INTEGER NOT NULL DEFAULT 0,
    "outbound_imessage" INTEGER NOT NULL DEFAULT 0,
    "outbound_sms" INTEGER NOT NULL DEFAULT 0,
    "outbound_rcs" INTEGER NOT NULL DEFAULT 0,
    "outbound_other" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "sent_only" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "downgraded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "message_rollup_deltas_pkey" PRIMARY KEY ("id")
);

-- The page's range scan; no unique key (an error message is free text, too long for a btree
-- key at worst): the folder and the backfill, the only writers, hold the folder's lock.
CREATE INDEX "message_rollup_hour_line_id_idx" ON "message_rollup"("hour", "line_id");

-- One message's contribution, signed: the columns of message_rollup after id.
CREATE FUNCTION "inbox_message_rollup_entry"(
  p_sent_at timestamptz, p_line_id integer, p_direction "Direction", p_service text, p_status_rank integer,
  p_error_code text, p_error_message text, p_was_downgraded boolean, p_sign integer)
RETURNS TABLE (
  hour timestamptz, line_id integer, error_code text, error_message text,
  inbound_imessage integer, inbound_sms integer, inbound_rcs integer, inbound_other integer,
  outbound_imessage integer, outbound_sms integer, outbound_rcs integer, outbound_other integer,
  delivered integer, sent_only integer, failed integer, pending integer, downgraded integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_bin('1 hour', p_sent_at, timestamptz '1970-01-01 00:00:00+00'), coalesce(p_line_id, 0),
         CASE WHEN x.f THEN nullif(nullif(p_error_code, ''), '0') END,
         CASE WHEN x.f THEN p_error_message END,
         p_sign * (NOT x.o AND x.s = 'iMessage')::int, p_sign * (NOT x.o AND x.s = 'SMS')::int,
         p_sign * (NOT x.o AND x.s = 'RCS')::int, p_sign * (NOT x.o AND x.s = 'other')::int,
         p_sign * (x.o AND x.s = 'iMessage')::int, p_sign * (x.o AND x.s = 'SMS')::int,
         p_sign * (x.o AND x.s = 'RCS')::int, p_sign * (x.o AND x.s = 'other')::int,
         p_sign * (x.o AND NOT x.f AND p_status_rank >= 3)::int,
         p_sign * (x.o AND NOT x.f AND p_status_rank = 2)::int,
         p_sign * (x.o AND x.f)::int,
         p_sign * (x.o AND NOT x.f AND p_status_rank < 2)::int,
         p_sign * (x.o AND coalesce(p_was_downgraded, false))::int
  FROM (SELECT p_direction = 'outbound' AS o,
               p_direction = 'outbound' AND (p_status_rank = 5 OR coalesce(p_error_code, '') NOT IN ('', '0')) AS f,
               CASE WHEN p_service IN ('iMessage', 'SMS', 'RCS') THEN p_service ELSE 'other' END AS s) x
$$;

-- New messages, one call per row: cheaper than a statement-level call for the one-row
-- inserts of webhooks and imports (a bulk load disables it and rebuilds instead, as the
-- bench's loader does). The line is read under the lock inbox_response_waits_lock takes on
-- the conversation (response_waits' row trigger took it already, moments before: this is
-- then no wait), so a concurrent move of the conversation to another line
-- (inbox_message_rollup_line_moved) either sees the new message or is seen by it.
CREATE FUNCTION "inbox_message_rollup_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_line integer;
BEGIN
  SELECT line_id INTO v_line FROM conversations WHERE id = NEW.conversation_id FOR NO KEY UPDATE;
  INSERT INTO message_rollup_deltas (hour, line_id, error_code, error_message, inbound_imessage, inbound_sms,
    inbound_rcs, inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered,
    sent_only, failed, pending, downgraded)
  SELECT * FROM inbox_message_rollup_entry(NEW.sent_at, v_line, NEW.direction, NEW.service, NEW.status_rank,
    NEW.error_code, NEW.error_message, NEW.was_downgraded, 1);
  RETURN NULL;
END
$$;

-- Deleted messages (send-reply deletes a placeholder that lost a race), statement-level like
-- counters'. A message deleted with its conversation finds no conversation here: the
-- conversation's own delete trigger has already taken its messages off.
CREATE FUNCTION "inbox_message_rollup_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO message_rollup_deltas (hour, line_id, error_code, error_message, inbound_imessage, inbound_sms,
    inbound_rcs, inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered,
    sent_only, failed, pending, downgraded)
  SELECT e.* FROM old_rows o JOIN conversations c ON c.id = o.conversation_id
  CROSS JOIN LATERAL inbox_message_rollup_entry(o.sent_at, c.line_id, o.direction, o.service, o.status_rank,
    o.error_code, o.error_message, o.was_downgraded, -1) e;
  RETURN NULL;
END
$$;

-- A counted field changed (a status moving up, an error code, an SMS downgrade changing the
-- service, a message moved in time or to another conversation): the old entry out, the new
-- one in, unless they are the same (DELIVERED → READ is delivered either way).
CREATE FUNCTION "inbox_message_rollup_updated"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_old_line integer;
  v_new_line integer;
  v_old record;
  v_new record;
BEGIN
  SELECT line_id INTO v_old_line FROM conversations WHERE id = OLD.conversation_id;
  IF NEW.conversation_id = OLD.conversation_id THEN
    v_new_line := v_old_line;
  ELSE
    SELECT line_id INTO v_new_line FROM conversations WHERE id = NEW.conversation_id;
  END IF;
  SELECT * INTO v_old FROM inbox_message_rollup_entry(OLD.sent_at, v_old_line, OLD.direction, OLD.service,
    OLD.status_rank, OLD.error_code, OLD.error_message, OLD.was_downgraded, 1);
  SELECT * INTO v_new FROM inbox_message_rollup_entry(NEW.sent_at, v_new_line, NEW.direction, NEW.service,
    NEW.status_rank, NEW.error_code, NEW.error_message, NEW.was_downgraded, 1);
  IF v_old IS NOT DISTINCT FROM v_new THEN
    RETURN NULL;
  END IF;
  INSERT INTO message_rollup_deltas (hour, line_id, error_code, error_message, inbound_imessage, inbound_sms,
    inbound_rcs, inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered,
    sent_only, failed, pending, downgraded)
  SELECT * FROM inbox_message_rollup_entry(OLD.sent_at, v_old_line, OLD.direction, OLD.service,
    OLD.status_rank, OLD.error_code, OLD.error_message, OLD.was_downgraded, -1)
  UNION ALL
  SELECT * FROM inbox_message_rollup_entry(NEW.sent_at, v_new_line, NEW.direction, NEW.service,
    NEW.status_rank, NEW.error_code, NEW.error_message, NEW.was_downgraded, 1);
  RETURN NULL;
END
$$;

-- A conversation's messages, taken off (p_sign -1) or put on (1) line p_line_id. FOR SHARE
-- waits for a message being changed right now and makes a change after this one wait for
-- it, so an update's trigger reads either the old line before this move or the new one after.
-- (No path of the app moves a conversation; a line deleted by hand sets its conversations'
-- line to NULL, and its messages then count under line 0.)
CREATE FUNCTION "inbox_message_rollup_conversation"(p_conversation_id integer, p_line_id integer, p_sign integer)
RETURNS void LANGUAGE sql AS $$
  WITH m AS MATERIALIZED (
    SELECT sent_at, direction, service, status_rank, error_code, error_message, was_downgraded
    FROM messages WHERE conversation_id = p_conversation_id FOR SHARE)
  INSERT INTO message_rollup_deltas (hour, line_id, error_code, error_message, inbound_imessage, inbound_sms,
    inbound_rcs, inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered,
    sent_only, failed, pending, downgraded)
  SELECT e.* FROM m
  CROSS JOIN LATERAL inbox_message_rollup_entry(m.sent_at, p_line_id, m.direction, m.service, m.status_rank,
    m.error_code, m.error_message, m.was_downgraded, p_sign) e
$$;

CREATE FUNCTION "inbox_message_rollup_line_moved"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inbox_message_rollup_conversation(OLD.id, OLD.line_id, -1);
  PERFORM inbox_message_rollup_conversation(NEW.id, NEW.line_id, 1);
  RETURN NULL;
END
$$;

CREATE FUNCTION "inbox_message_rollup_conversation_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM inbox_message_rollup_conversation(OLD.id, OLD.line_id, -1);
  RETURN OLD; -- a BEFORE DELETE trigger returning NULL would cancel the delete
END
$$;

CREATE TRIGGER "messages_rollup_inserted" AFTER INSERT ON "messages"
FOR EACH ROW EXECUTE FUNCTION "inbox_message_rollup_inserted"();
CREATE TRIGGER "messages_rollup_deleted" AFTER DELETE ON "messages"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "inbox_message_rollup_deleted"();
-- Row-level with WHEN: the writes that change nothing counted (search vectors, a client id,
-- the updated_at of a repeated status) never call the function.
CREATE TRIGGER "messages_rollup_updated"
AFTER UPDATE OF "conversation_id", "direction", "service", "sent_at", "status_rank", "error_code", "error_message", "was_downgraded"
ON "messages" FOR EACH ROW
WHEN (OLD."conversation_id" IS DISTINCT FROM NEW."conversation_id" OR OLD."direction" IS DISTINCT FROM NEW."direction"
      OR OLD."service" IS DISTINCT FROM NEW."service" OR OLD."sent_at" IS DISTINCT FROM NEW."sent_at"
      OR OLD."status_rank" IS DISTINCT FROM NEW."status_rank" OR OLD."error_code" IS DISTINCT FROM NEW."error_code"
      OR OLD."error_message" IS DISTINCT FROM NEW."error_message" OR OLD."was_downgraded" IS DISTINCT FROM NEW."was_downgraded")
EXECUTE FUNCTION "inbox_message_rollup_updated"();
CREATE TRIGGER "conversations_rollup_line_moved" AFTER UPDATE OF "line_id" ON "conversations"
FOR EACH ROW WHEN (OLD."line_id" IS DISTINCT FROM NEW."line_id")
EXECUTE FUNCTION "inbox_message_rollup_line_moved"();
CREATE TRIGGER "conversations_rollup_deleted" BEFORE DELETE ON "conversations"
FOR EACH ROW EXECUTE FUNCTION "inbox_message_rollup_conversation_deleted"();

-- The deltas into the balance, per (hour, line, code, message): added to the row that has
-- the key, or a new row. Called by inbox_fold_counters under its lock.
CREATE FUNCTION "inbox_fold_message_rollup"() RETURNS void
LANGUAGE sql AS $$
  WITH moved AS (DELETE FROM message_rollup_deltas RETURNING *),
  sums AS (
    SELECT hour, line_id, error_code, error_message,
           sum(inbound_imessage)::int AS inbound_imessage, sum(inbound_sms)::int AS inbound_sms,
           sum(inbound_rcs)::int AS inbound_rcs, sum(inbound_other)::int AS inbound_other,
           sum(outbound_imessage)::int AS outbound_imessage, sum(outbound_sms)::int AS outbound_sms,
           sum(outbound_rcs)::int AS outbound_rcs, sum(outbound_other)::int AS outbound_other,
           sum(delivered)::int AS delivered, sum(sent_only)::int AS sent_only, sum(failed)::int AS failed,
           sum(pending)::int AS pending, sum(downgraded)::int AS downgraded
    FROM moved GROUP BY hour, line_id, error_code, error_message),
  added AS (
    UPDATE message_rollup r
    SET inbound_imessage = r.inbound_imessage + s.inbound_imessage, inbound_sms = r.inbound_sms + s.inbound_sms,
        inbound_rcs = r.inbound_rcs + s.inbound_rcs, inbound_other = r.inbound_other + s.inbound_other,
        outbound_imessage = r.outbound_imessage + s.outbound_imessage, outbound_sms = r.outbound_sms + s.outbound_sms,
        outbound_rcs = r.outbound_rcs + s.outbound_rcs, outbound_other = r.outbound_other + s.outbound_other,
        delivered = r.delivered + s.delivered, sent_only = r.sent_only + s.sent_only, failed = r.failed + s.failed,
        pending = r.pending + s.pending, downgraded = r.downgraded + s.downgraded
    FROM sums s
    WHERE r.hour = s.hour AND r.line_id = s.line_id
      AND r.error_code IS NOT DISTINCT FROM s.error_code AND r.error_message IS NOT DISTINCT FROM s.error_message
    RETURNING r.hour, r.line_id, r.error_code, r.error_message)
  INSERT INTO message_rollup (hour, line_id, error_code, error_message, inbound_imessage, inbound_sms, inbound_rcs,
    inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered, sent_only, failed,
    pending, downgraded)
  SELECT s.* FROM sums s
  WHERE NOT EXISTS (
      SELECT 1 FROM added a
      WHERE a.hour = s.hour AND a.line_id = s.line_id
        AND a.error_code IS NOT DISTINCT FROM s.error_code AND a.error_message IS NOT DISTINCT FROM s.error_message)
    -- A message stored and deleted between two folds leaves nothing to keep.
    AND (s.inbound_imessage, s.inbound_sms, s.inbound_rcs, s.inbound_other, s.outbound_imessage, s.outbound_sms,
         s.outbound_rcs, s.outbound_other, s.delivered, s.sent_only, s.failed, s.pending, s.downgraded)
        <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
$$;

-- 20261202050000_read_counters' fold, unchanged but for the rollup's fold under the same lock.
CREATE OR REPLACE FUNCTION "inbox_fold_counters"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- 'inbx' 'cntr': any fixed number, shared by every folder.
  IF NOT pg_try_advisory_xact_lock(1768846450, 1668183154) THEN
    RETURN;
  END IF;
  WITH moved AS (DELETE FROM counter_deltas RETURNING key, delta)
  INSERT INTO counters (key, value)
  SELECT key, sum(delta) FROM moved GROUP BY key
  ON CONFLICT (key) DO UPDATE SET value = counters.value + excluded.value;
  PERFORM inbox_fold_message_rollup();
END
$$;

-- The hours starting in [p_from, p_to) (rounded up to whole hours), from scratch: their rows
-- replaced by the sums of the messages there now, their unfolded deltas dropped, in one
-- statement, so one snapshot: a write committed before it is in the messages read and its
-- delta is dropped; one committed after it is in neither, and its delta stays to be folded.
-- The folder's lock (waited for: this is background work) keeps a fold from moving deltas
-- into rows between that snapshot and this statement's writes.
CREATE FUNCTION "inbox_message_rollup_rebuild"(p_from timestamptz, p_to timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_from timestamptz := date_bin('1 hour', p_from - interval '1 microsecond', timestamptz '1970-01-01 00:00:00+00') + interval '1 hour';
  v_to timestamptz := date_bin('1 hour', p_to - interval '1 microsecond', timestamptz '1970-01-01 00:00:00+00') + interval '1 hour';
  v_count integer;
BEGIN
  IF v_from >= v_to THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(1768846450, 1668183154);
  WITH dropped_deltas AS (DELETE FROM message_rollup_deltas WHERE hour >= v_from AND hour < v_to),
  dropped AS (DELETE FROM message_rollup WHERE hour >= v_from AND hour < v_to)
  INSERT INTO message_rollup (hour, line_id, error_code, error_message, inbound_imessage, inbound_sms, inbound_rcs,
    inbound_other, outbound_imessage, outbound_sms, outbound_rcs, outbound_other, delivered, sent_only, failed,
    pending, downgraded)
  SELECT e.hour, e.line_id, e.error_code, e.error_message,
         sum(e.inbound_imessage), sum(e.inbound_sms), sum(e.inbound_rcs), sum(e.inbound_other),
         sum(e.outbound_imessage), sum(e.outbound_sms), sum(e.outbound_rcs), sum(e.outbound_other),
         sum(e.delivered), sum(e.sent_only), sum(e.failed), sum(e.pending), sum(e.downgraded)
  FROM messages m JOIN conversations c ON c.id = m.conversation_id
  CROSS JOIN LATERAL inbox_message_rollup_entry(m.sent_at, c.line_id, m.direction, m.service, m.status_rank,
    m.error_code, m.error_message, m.was_downgraded, 1) e
  WHERE m.sent_at >= v_from AND m.sent_at < v_to
  GROUP BY e.hour, e.line_id, e.error_code, e.error_message;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;

-- The hours of the messages stored before this migration, oldest first, in batches while the
-- server serves (lib/db/background-tasks.ts; nothing to do on a fresh install). Positions are
-- minutes after the oldest message's hour (whole hours per batch, rounded up), so a batch is
-- sized in time and progress reads as a share of the history; the end is the last message's
-- hour now, fixed here: the trigger created above keeps every hour's later changes, and
-- every hour holding a message of this moment lies between the two ends. Until the task is
-- done, the page counts from the messages, as before (lib/insights/message-rollup.ts).
INSERT INTO "background_tasks" ("name", "description", "kind", "statement", "upper_bound")
SELECT 'message_rollup_backfill',
       'Insights: the hourly message counts of the history stored before this upgrade',
       'batches',
       format('SELECT inbox_message_rollup_rebuild(to_timestamp(%1$s + $1::float8 * 60), to_timestamp(%1$s + $2::float8 * 60))',
              coalesce(extract(epoch FROM first_hour)::bigint, 0)),
       coalesce(extract(epoch FROM last_hour + interval '1 hour' - first_hour)::bigint / 60, 0)
FROM (SELECT date_bin('1 hour', min(sent_at), timestamptz '1970-01-01 00:00:00+00') AS first_hour,
             date_bin('1 hour', max(sent_at), timestamptz '1970-01-01 00:00:00+00') AS last_hour
      FROM messages) bounds;
