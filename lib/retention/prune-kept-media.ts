import type { Db } from "@/lib/db/client";
import type { MediaStorage } from "@/lib/media/storage";

// MEDIA_KEEP_DAYS: our copies of attachments kept longer than N days are removed from storage
// and their rows marked expired, which the thread already shows as "no longer available".
// The row changes first (in a guarded UPDATE … WHERE mirror_state = 'kept', so two servers never
// both take one), then the files go: a crash in between leaves an orphan file, never a row
// that points at nothing.

export type MediaPruneResult = { removed: number; freedBytes: number };

export async function pruneKeptMedia(
  db: Db,
  storage: MediaStorage,
  input: { olderThanDays: number; now?: Date; batchSize?: number },
): Promise<MediaPruneResult> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.olderThanDays * 86_400_000);
  const result: MediaPruneResult = { removed: 0, freedBytes: 0 };
  for (;;) {
    const taken = await db.$queryRaw<
      {
        id: number;
        storage_key: string | null;
        display_key: string | null;
        thumbnail_key: string | null;
        byte_size: number | null;
      }[]
    >`
      WITH old AS (
        SELECT id FROM media_attachments
        WHERE mirror_state = 'kept' AND kept_at < ${cutoff}
        ORDER BY kept_at LIMIT ${input.batchSize ?? 100}
        FOR UPDATE SKIP LOCKED
      ), before AS (
        SELECT m.id, m.storage_key, m.display_key, m.thumbnail_key, m.byte_size FROM media_attachments m JOIN old USING (id)
      )
      UPDATE media_attachments m
      SET mirror_state = 'expired', storage_key = NULL, display_key = NULL, thumbnail_key = NULL,
          last_error = ${`Removed after ${input.olderThanDays} days (MEDIA_KEEP_DAYS)`}, updated_at = now()
      FROM before WHERE m.id = before.id AND m.mirror_state = 'kept'
      RETURNING before.id, before.storage_key, before.display_key, before.thumbnail_key, before.byte_size`;
    for (const row of taken) {
      for (const key of [row.storage_key, row.display_key, row.thumbnail_key]) if (key) await storage.remove(key);
      result.freedBytes += row.byte_size ?? 0;
    }
    result.removed += taken.length;
    if (taken.length < (input.batchSize ?? 100)) return result;
  }
}
