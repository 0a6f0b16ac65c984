-- Imported, reconciled and streamed pages fold the read counters' deltas
-- (20261202050000_read_counters) like webhook batches do. The body is the one of
-- 20261202040000_sendblue_sync with the fold added at the end.
CREATE OR REPLACE FUNCTION "inbox_ingest_sync_items"(p_items jsonb)
RETURNS TABLE (outcome text, has_media boolean, error_state text, error_message text)
LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
  v_duplicate boolean;
BEGIN
  FOR v_item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
    outcome := NULL;
    has_media := false;
    error_state := NULL;
    error_message := NULL;
    BEGIN
      SELECT r.duplicate, r.has_media INTO v_duplicate, has_media
      FROM inbox_ingest_message(v_item ->> 'source', v_item -> 'message') r;
      outcome := CASE WHEN v_duplicate THEN 'duplicate' ELSE 'processed' END;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS error_state = RETURNED_SQLSTATE, error_message = MESSAGE_TEXT;
    END;
    RETURN NEXT;
  END LOOP;
  -- Fold the counter deltas this page's messages appended, as each webhook batch does: an
  -- import or a stream with no webhooks would otherwise leave them for every reader to sum.
  PERFORM inbox_fold_counters();
END
$$;
