-- Refused webhooks are counted in webhook_refusals (migration 20261202021338), which counts
-- every refusal, while only a sample of them is kept as a webhook_events row. The counter
-- 'webhooks:unauthorized' of 20261202050000_read_counters counted those sample rows, so it
-- read low under a flood and nothing showed it any more: its triggers cost a function call
-- on every refused sample for a number no one reads. Drop them and the counter's rows.
DROP TRIGGER "counters_webhook_refused_inserted" ON "webhook_events";
DROP TRIGGER "counters_webhook_refused_changed" ON "webhook_events";
DROP TRIGGER "counters_webhook_refused_deleted" ON "webhook_events";
DROP FUNCTION "counters_webhook_refused"();
DELETE FROM "counter_deltas" WHERE "key" = 'webhooks:unauthorized';
DELETE FROM "counters" WHERE "key" = 'webhooks:unauthorized';
