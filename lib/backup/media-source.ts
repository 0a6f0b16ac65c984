import { DiskStorage, mediaStorage, S3Storage } from "@/lib/media/storage";

// Where the kept media a backup covers live. Local disk: the files go into the archive.
// S3: the bucket is not copied (it has its own versioning and replication); the archive
// lists the keys so a restore can be checked against the bucket.

export type MediaSource = { kind: "disk"; root: string } | { kind: "s3"; bucket: string };

export function mediaSourceFromEnv(): MediaSource {
  const storage = mediaStorage();
  if (storage instanceof S3Storage) return { kind: "s3", bucket: storage.bucket };
  if (storage instanceof DiskStorage) return { kind: "disk", root: storage.root };
  throw new Error("unknown media storage");
}

export const S3_NOT_COPIED = (bucket: string) =>
  `media are in the S3 bucket ${bucket}, which a backup does not copy (use the bucket's own versioning or replication); the archive lists their keys`;
