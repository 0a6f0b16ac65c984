-- AlterTable
ALTER TABLE "media_attachments" ADD COLUMN     "card" JSONB,
ADD COLUMN     "display_key" TEXT,
ADD COLUMN     "kept_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_id" TEXT,
ADD COLUMN     "thumbnail_key" TEXT;
