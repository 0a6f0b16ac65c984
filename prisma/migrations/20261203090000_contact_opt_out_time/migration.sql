-- When a contact opted out (Insights counts opt-outs per day). Every writer of opted_out
-- (the ingest functions, contact_created through Prisma, the history import) goes through
-- this trigger, so none of them has to remember the time: it is set when the flag becomes
-- true and cleared when it becomes false. A row inserted already opted out keeps an
-- explicit time if one is given (imports, tests), else now().
ALTER TABLE "contacts" ADD COLUMN "opted_out_at" TIMESTAMPTZ(3);

CREATE FUNCTION "inbox_contact_opted_out_at"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT NEW.opted_out THEN
    NEW.opted_out_at := NULL;
  ELSIF TG_OP = 'INSERT' OR NOT OLD.opted_out THEN
    NEW.opted_out_at := coalesce(NEW.opted_out_at, now());
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "contacts_opted_out_at"
BEFORE INSERT OR UPDATE OF "opted_out" ON "contacts"
FOR EACH ROW EXECUTE FUNCTION "inbox_contact_opted_out_at"();

-- Contacts already opted out: the last time their row changed is the best guess there is.
-- One row per opted-out contact (a small share of contacts), so it runs here.
UPDATE "contacts" SET "opted_out_at" = "updated_at" WHERE "opted_out";

-- CreateIndex
CREATE INDEX "contacts_opted_out_at_idx" ON "contacts"("opted_out_at");
