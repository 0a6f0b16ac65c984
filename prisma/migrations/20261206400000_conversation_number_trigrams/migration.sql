-- A short phone fragment ("(512) 2": a hundredth of all numbers) collects the ids of the
-- matching conversations. Through contacts it matched the contacts, then looked each one's
-- conversations up (or hash-joined all conversations): ~13 ms for 3,500 ids at 250 k
-- conversations, against ~3.5 ms from this index. Conversations are ~2.5 % of messages
-- (250 k at 10 M messages), so it builds in about half a second inside the migration: not a
-- big table's index, which would be built CONCURRENTLY by a background task. (Built that way,
-- replaying this folder on a shadow database, as the schema check does, would not have it.)

-- CreateIndex
CREATE INDEX "conversations_contact_number_trgm_idx" ON "conversations" USING GIN ("contact_number" gin_trgm_ops);
