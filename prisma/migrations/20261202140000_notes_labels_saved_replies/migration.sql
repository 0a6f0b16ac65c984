-- Issue 14, the thread half: internal notes (with @mentions), labels and saved replies.
-- A note's author is a foreign key that becomes NULL when the member is removed, with their
-- name kept beside it so the thread still says who wrote it. Notes are searched like
-- messages: the same search_document() vector (words, unaccented, plus English stems).

-- CreateTable
CREATE TABLE "conversation_notes" (
    "id" SERIAL NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "search_vector" tsvector,

    CONSTRAINT "conversation_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_mentions" (
    "id" SERIAL NOT NULL,
    "note_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "conversation_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "note_mentions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "labels" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "labels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_labels" (
    "conversation_id" INTEGER NOT NULL,
    "label_id" INTEGER NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_labels_pkey" PRIMARY KEY ("conversation_id","label_id")
);

-- CreateTable
CREATE TABLE "saved_replies" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_replies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "conversation_notes_conversation_id_id_idx" ON "conversation_notes"("conversation_id", "id");

-- CreateIndex
CREATE INDEX "conversation_notes_search_vector_idx" ON "conversation_notes" USING GIN ("search_vector");

-- CreateIndex
CREATE UNIQUE INDEX "note_mentions_note_id_user_id_key" ON "note_mentions"("note_id", "user_id");

-- CreateIndex
CREATE INDEX "note_mentions_user_id_id_idx" ON "note_mentions"("user_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "labels_name_key_key" ON "labels"("name_key");

-- CreateIndex
CREATE INDEX "conversation_labels_label_id_conversation_id_idx" ON "conversation_labels"("label_id", "conversation_id");

-- CreateIndex
CREATE UNIQUE INDEX "saved_replies_name_key_key" ON "saved_replies"("name_key");

-- AddForeignKey
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_note_id_fkey" FOREIGN KEY ("note_id") REFERENCES "conversation_notes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_labels" ADD CONSTRAINT "conversation_labels_label_id_fkey" FOREIGN KEY ("label_id") REFERENCES "labels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The GIN index takes every new note at once (no pending list), as for messages.
ALTER INDEX "conversation_notes_search_vector_idx" SET (fastupdate = off);

CREATE FUNCTION "conversation_notes_search_vector_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := search_document(NEW.body, NULL);
  RETURN NEW;
END
$$;

CREATE TRIGGER "conversation_notes_search_vector_trigger"
BEFORE INSERT OR UPDATE OF "body" ON "conversation_notes"
FOR EACH ROW EXECUTE FUNCTION "conversation_notes_search_vector_update"();
