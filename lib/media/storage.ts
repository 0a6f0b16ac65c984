import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { env } from "@/lib/env";

// Where mirrored media lives: the local disk by default, an S3-compatible bucket (S3, R2,
// MinIO) when S3_BUCKET is set. Keys are deterministic per attachment, so a second copy
// of the same attachment overwrites identical bytes instead of adding a file.

export type ByteRange = { start: number; end: number }; // inclusive, like HTTP

export interface MediaStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Stores a local file's bytes (a download too large to hold in memory), streaming them. */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  /** Size in bytes, or null when the object is missing. */
  size(key: string): Promise<number | null>;
  read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
  /** Deletes an object; a missing one is not an error (retention may run twice). */
  remove(key: string): Promise<void>;
}

/** Display copies are JPEG (HEIC photos) or Ogg Opus (CAF voice notes). */
export const DISPLAY_TYPES = { jpg: "image/jpeg", ogg: "audio/ogg" } as const;
export type DisplayExt = keyof typeof DISPLAY_TYPES;

export function mediaKeys(attachmentId: number) {
  const base = `media/${attachmentId}`;
  return {
    original: `${base}/original`,
    display: (ext: DisplayExt) => `${base}/display.${ext}`,
    thumbnail: `${base}/thumb.jpg`,
  };
}

export function displayContentType(key: string): string {
  const ext = key.split(".").pop() as DisplayExt;
  return DISPLAY_TYPES[ext] ?? "application/octet-stream";
}

export class DiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private file(key: string): string {
    const resolved = path.resolve(this.root, key);
    if (!resolved.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`bad storage key ${key}`);
    return resolved;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.replace(key, (temp) => fs.writeFile(temp, bytes));
  }

  async putFile(key: string, file: string): Promise<void> {
    await this.replace(key, (temp) => fs.copyFile(file, temp));
  }

  // Write then rename: a reader never sees half a file, even if we crash mid-write.
  private async replace(key: string, write: (temp: string) => Promise<void>): Promise<void> {
    const target = this.file(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await write(temp);
    await fs.rename(temp, target);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fs.stat(this.file(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }

  async read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>> {
    const stream = createReadStream(this.file(key), range ? { start: range.start, end: range.end } : {});
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  }
}

export class S3Storage implements MediaStorage {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async putFile(key: string, file: string, contentType: string): Promise<void> {
    // A stream body needs its length up front (S3 refuses chunked uploads without one).
    const { size } = await fs.stat(file);
    const body = createReadStream(file);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    } finally {
      body.destroy();
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async size(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? null;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>> {
    const out = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    if (!out.Body) throw new Error(`empty body for ${key}`);
    return out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
  }
}

const globalForStorage = globalThis as unknown as { inboxMediaStorage?: MediaStorage };

export function mediaStorage(): MediaStorage {
  globalForStorage.inboxMediaStorage ??= createStorageFromEnv();
  return globalForStorage.inboxMediaStorage;
}

/** Tests point the process at a fresh directory. */
export function resetMediaStorage(): void {
  globalForStorage.inboxMediaStorage = undefined;
}

function createStorageFromEnv(): MediaStorage {
  const e = env();
  if (e.S3_BUCKET) {
    const client = new S3Client({
      region: e.S3_REGION,
      endpoint: e.S3_ENDPOINT,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      credentials:
        e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
    return new S3Storage(client, e.S3_BUCKET);
  }
  return new DiskStorage(e.MEDIA_DIR ?? path.join(e.DATA_DIR, "media"));
}
