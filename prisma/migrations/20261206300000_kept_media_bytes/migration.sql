-- The bytes of kept attachment copies per UTC day they were kept, as counters
-- ('media:kept-bytes:<YYYY-MM-DD>', the ledger of 20261202050000_read_counters), so the Lines
-- page's storage panel ("what MEDIA_KEEP_DAYS would free") sums days instead of every kept
-- attachment on each load: the sum read all of them (40,000 at 1 M messages: ~12 ms a
-- render, growing with history). The day the horizon falls in is summed exactly from its
-- rows (media_attachments_mirror_state_kept_at_idx), lib/retention/storage-report.ts.

CREATE FUNCTION "inbox_kept_bytes_key"(p_kept_at timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT 'media:kept-bytes:' || to_char(p_kept_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') $$;

-- Inserted and deleted rows: statement-level with transition tables, one delta per day.
CREATE FUNCTION "counters_media_kept_bytes_rows"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO counter_deltas (key, delta)
    SELECT inbox_kept_bytes_key(kept_at), sum(byte_size) FROM new_rows
    WHERE mirror_state = 'kept' AND kept_at IS NOT NULL AND byte_size IS NOT NULL GROUP BY 1;
  ELSE
    INSERT INTO counter_deltas (key, delta)
    SELECT inbox_kept_bytes_key(kept_at), -sum(byte_size) FROM old_rows
    WHERE mirror_state = 'kept' AND kept_at IS NOT NULL AND byte_size IS NOT NULL GROUP BY 1;
  END IF;
  RETURN NULL;
END
$$;

-- An update that moves a row into or out of 'kept', or changes a kept row's size or day.
CREATE FUNCTION "counters_media_kept_bytes_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.mirror_state = 'kept' AND OLD.kept_at IS NOT NULL AND OLD.byte_size IS NOT NULL THEN
    INSERT INTO counter_deltas (key, delta) VALUES (inbox_kept_bytes_key(OLD.kept_at), -OLD.byte_size);
  END IF;
  IF NEW.mirror_state = 'kept' AND NEW.kept_at IS NOT NULL AND NEW.byte_size IS NOT NULL THEN
    INSERT INTO counter_deltas (key, delta) VALUES (inbox_kept_bytes_key(NEW.kept_at), NEW.byte_size);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "counters_media_kept_bytes_inserted" AFTER INSERT ON "media_attachments"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_media_kept_bytes_rows"();
CREATE TRIGGER "counters_media_kept_bytes_deleted" AFTER DELETE ON "media_attachments"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "counters_media_kept_bytes_rows"();
-- The WHEN is checked without calling the function: the worker's other updates cost nothing.
CREATE TRIGGER "counters_media_kept_bytes_changed" AFTER UPDATE OF "mirror_state", "byte_size", "kept_at" ON "media_attachments"
FOR EACH ROW WHEN ((OLD."mirror_state" = 'kept' OR NEW."mirror_state" = 'kept')
  AND (OLD."mirror_state", OLD."byte_size", OLD."kept_at") IS DISTINCT FROM (NEW."mirror_state", NEW."byte_size", NEW."kept_at"))
EXECUTE FUNCTION "counters_media_kept_bytes_changed"();

-- The copies kept so far, summed once. CREATE TRIGGER above locked media_attachments against
-- writes until this migration commits, so no change falls between this sum and the triggers.
-- One pass over the kept attachments (not the messages): ~40 ms for 40,000 at 1 M messages.
INSERT INTO counters (key, value)
SELECT inbox_kept_bytes_key(kept_at), sum(byte_size) FROM media_attachments
WHERE mirror_state = 'kept' AND kept_at IS NOT NULL AND byte_size IS NOT NULL GROUP BY 1
ON CONFLICT (key) DO UPDATE SET value = counters.value + excluded.value;
