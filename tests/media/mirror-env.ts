import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { resetMediaStorage } from "@/lib/media/storage";

// Points this test file's process at a scratch media directory and lets the mirror fetch
// from the fake storage server on 127.0.0.1 (the documented tests/dev-only escape).
export function useMirrorTestEnv(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-media-"));
  process.env.MEDIA_DIR = dir;
  process.env.MEDIA_ALLOW_PRIVATE_HOSTS = "127.0.0.1";
  process.env.MEDIA_ALLOWED_HOSTS = "storage.googleapis.com,169.254.169.254";
  process.env.MEDIA_MAX_BYTES = String(1024 * 1024);
  process.env.MEDIA_FETCH_TIMEOUT_MS = "1000";
  process.env.MEDIA_MAX_ATTEMPTS = "3";
  resetEnvCache();
  resetMediaStorage();
  return dir;
}
