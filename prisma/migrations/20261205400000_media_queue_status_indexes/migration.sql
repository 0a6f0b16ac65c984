-- The Lines page asks for the oldest attachment still waiting to be copied and the latest
-- failures. Without these it read every waiting (or failed) row on each load: an import of
-- years of history leaves tens of thousands of expired links, and a paused mirror as many
-- waiting ones (51 ms at 40 k waiting, on every render of /lines). Each state is now one
-- index lookup (the reader asks per state). Attachments are a few percent of messages
-- (~40 k per million), so these build in well under a second inside the migration.

-- CreateIndex
CREATE INDEX "media_attachments_mirror_state_created_at_idx" ON "media_attachments"("mirror_state", "created_at");

-- CreateIndex
CREATE INDEX "media_attachments_mirror_state_updated_at_id_idx" ON "media_attachments"("mirror_state", "updated_at" DESC, "id" DESC);
