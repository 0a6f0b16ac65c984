-- Retention (issue 15): WEBHOOK_LOG_DAYS drops the bodies of old webhook_events rows, keeping
-- the row itself (type, outcome, size, handle) — replay dedupe reads webhook_fingerprints, not
-- bodies, so it keeps working. body_pruned_at says a body was removed on purpose, so the log
-- can tell "pruned" from "never had one".
ALTER TABLE "webhook_events" ADD COLUMN "body_pruned_at" TIMESTAMPTZ(3);

-- MEDIA_KEEP_DAYS removes kept copies older than N days: find them by age without reading
-- every kept attachment.
CREATE INDEX "media_attachments_mirror_state_kept_at_idx" ON "media_attachments"("mirror_state", "kept_at");
