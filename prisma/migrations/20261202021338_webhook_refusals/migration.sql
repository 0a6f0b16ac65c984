-- AlterTable
ALTER TABLE "webhook_events" ADD COLUMN     "sample_key" TEXT;

-- CreateTable
CREATE TABLE "webhook_refusals" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "sampled" INTEGER NOT NULL DEFAULT 0,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_refusals_pkey" PRIMARY KEY ("minute","type")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_sample_key_key" ON "webhook_events"("sample_key");

-- Refusals logged before this migration (one row each) become counts, so the totals shown
-- on the Lines page carry on; those rows stay in the log as samples.
INSERT INTO "webhook_refusals" ("minute", "type", "refused", "sampled", "last_at")
SELECT date_trunc('minute', "received_at"),
       CASE WHEN replace(lower("type"), '-', '_') IN ('receive', 'outbound', 'status', 'typing_indicator', 'call_log',
                                                      'line_blocked', 'line_assigned', 'contact_created')
            THEN replace(lower("type"), '-', '_') ELSE 'unknown' END,
       count(*), count(*), max("received_at")
FROM "webhook_events"
WHERE "outcome" = 'unauthorized'
GROUP BY 1, 2;

-- Counts one refused webhook request and keeps it as a log row when its source has no
-- sample yet this minute and the minute's budget for its type is not spent. One call, one
-- implicit transaction: the upsert locks the counter row until the end, so concurrent
-- refusals spend the budget one at a time and it is never exceeded.
CREATE FUNCTION "inbox_record_webhook_refusal"(
  p_minute TIMESTAMPTZ, p_type TEXT, p_cap INTEGER, p_sample_key TEXT,
  p_event_type TEXT, p_request_id TEXT, p_received_at TIMESTAMPTZ, p_headers JSONB, p_body BYTEA,
  p_body_size INTEGER, p_status_code INTEGER, p_error TEXT
) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  v_sampled INTEGER;
  v_id INTEGER;
BEGIN
  INSERT INTO "webhook_refusals" AS r ("minute", "type", "refused", "sampled", "last_at")
  VALUES (p_minute, p_type, 1, 0, p_received_at)
  ON CONFLICT ("minute", "type") DO UPDATE
    SET "refused" = r."refused" + 1, "last_at" = GREATEST(r."last_at", EXCLUDED."last_at")
  RETURNING r."sampled" INTO v_sampled;
  IF v_sampled >= p_cap THEN
    RETURN FALSE;
  END IF;
  INSERT INTO "webhook_events" ("type", "request_id", "received_at", "headers", "body", "body_size", "outcome",
                                "status_code", "error", "processed_at", "sample_key")
  VALUES (p_event_type, p_request_id, p_received_at, p_headers, p_body, p_body_size, 'unauthorized',
          p_status_code, p_error, now(), p_sample_key)
  ON CONFLICT ("sample_key") DO NOTHING
  RETURNING "id" INTO v_id;
  IF v_id IS NULL THEN
    RETURN FALSE;
  END IF;
  UPDATE "webhook_refusals" SET "sampled" = "sampled" + 1 WHERE "minute" = p_minute AND "type" = p_type;
  RETURN TRUE;
END $$;
